/** What an empty catalog says: where entities come from, and the two ways to add some. */
export function EmptyCatalog() {
  return (
    <div className="card catalog-empty" data-empty>
      <h2>The catalog is empty</h2>
      <p>
        Entities come from <code>catalog-info.yaml</code> files (Backstage's format: Component, API, System, Group, …)
        in Git repositories. Register a repository as a catalog location and Slipway reads it now and keeps it up to
        date.
      </p>
      <h3>With the CLI</h3>
      <pre className="log">slipway catalog register https://github.com/acme/payments.git</pre>
      <p className="muted">
        Add <code>--path 'teams/*.yaml'</code> to read other files, <code>--ref main</code> for a branch or tag.
      </p>
      <h3>With the API</h3>
      <pre className="log">
        {`POST /api/v1/catalog/locations
{ "type": "git", "target": "https://github.com/acme/payments.git" }`}
      </pre>
    </div>
  );
}

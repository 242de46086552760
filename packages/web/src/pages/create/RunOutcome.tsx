/**
 * How a finished run ended, and where to go next: the new service's page, its catalog
 * entity, its repository, and whatever other links the template's `output` lists.
 */
import { Link } from 'react-router';
import type { TemplateRunView } from './queries';

interface OutputLink {
  title?: string;
  url?: string;
  entityRef?: string;
}

/** `component:default/orders` → its parts; null when it is not a reference. */
export function parseEntityRef(ref: string): { kind: string; namespace: string; name: string } | null {
  const match = /^([^:/]+):(?:([^/]+)\/)?([^/]+)$/.exec(ref);
  if (!match) return null;
  return { kind: match[1] as string, namespace: match[2] ?? 'default', name: match[3] as string };
}

export function entityPath(ref: string): string | null {
  const e = parseEntityRef(ref);
  return e
    ? `/catalog/${encodeURIComponent(e.kind)}/${encodeURIComponent(e.namespace)}/${encodeURIComponent(e.name)}`
    : null;
}

const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

export function RunOutcome({ run }: { run: TemplateRunView }) {
  if (run.status === 'failed') {
    const step = run.steps.find((s) => s.status === 'failed');
    return (
      <div className="notice bad" role="alert">
        <strong>The run failed{step ? ` at “${step.name}”` : ''}</strong>
        <span>{run.error || 'See the step’s log above.'}</span>
        <div className="muted">
          Steps that had finished are not undone. Fix the cause (often a parameter: a repository that already has
          commits, a name in use) and run the template again.
        </div>
      </div>
    );
  }
  if (run.status !== 'succeeded') return null;
  const links = (Array.isArray(run.output.links) ? run.output.links : []) as OutputLink[];
  const entityRef = typeof run.output.entityRef === 'string' ? run.output.entityRef : undefined;
  const entity = entityRef ? parseEntityRef(entityRef) : null;
  const serviceName = entity?.kind === 'component' ? entity.name : undefined;
  const deploy = run.steps.find((s) => s.action === 'slipway:deploy' && s.status === 'succeeded')?.output;
  const texts = Array.isArray(run.output.text) ? run.output.text : [];
  // Links a browser can open are buttons; a file:// or ssh remote can only be read and copied.
  const buttons = links.filter((l) => l.entityRef || (l.url && isWebUrl(l.url)));
  const plain = links.filter((l) => !l.entityRef && l.url && !isWebUrl(l.url));
  return (
    <section className="notice ok run-outcome" aria-labelledby="run-outcome-title">
      <h2 id="run-outcome-title">{serviceName ? `Created ${serviceName}` : 'The run succeeded'}</h2>
      <ul className="run-links">
        {serviceName && (
          <li>
            <Link to={`/services/${encodeURIComponent(serviceName)}`} className="button primary">
              Open the service {serviceName}
            </Link>
          </li>
        )}
        {buttons.map((link) => (
          <li key={`${link.title}${link.url}${link.entityRef}`}>
            <OutputLinkItem link={link} />
          </li>
        ))}
      </ul>
      {plain.length > 0 && (
        <dl className="run-facts">
          {plain.map((link) => (
            <div key={`${link.title}${link.url}`}>
              <dt>{link.title ?? 'Link'}</dt>
              <dd>
                <code data-testid="run-link-url">{link.url}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {deploy && typeof deploy.environment === 'string' && (
        <p>
          Release #{String(deploy.number)} is rolling out to{' '}
          <Link to={`/environments/${deploy.environment}`}>{deploy.environment}</Link>.
        </p>
      )}
      {!deploy && serviceName && (
        <p className="muted">
          Nothing is deployed yet: its CI deploys on the first push, or deploy it from the service page.
        </p>
      )}
      {texts.map((t, i) => (
        // Output text has no identity of its own; its order is fixed.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <p key={i}>{typeof t === 'string' ? t : JSON.stringify(t)}</p>
      ))}
    </section>
  );
}

function OutputLinkItem({ link }: { link: OutputLink }) {
  const title = link.title ?? link.url ?? link.entityRef ?? 'Link';
  if (link.entityRef) {
    const path = entityPath(link.entityRef);
    return path ? (
      <Link to={path} className="button">
        {title === 'Open in catalog' ? 'Open its catalog entity' : title}{' '}
        <span className="muted mono">{link.entityRef}</span>
      </Link>
    ) : (
      <span>
        {title}: <code>{link.entityRef}</code>
      </span>
    );
  }
  if (link.url && isWebUrl(link.url)) {
    return (
      <a href={link.url} className="button" target="_blank" rel="noreferrer">
        {title} <span className="mono">{link.url}</span>
      </a>
    );
  }
  return (
    <span>
      {title}: <code>{link.url}</code>
    </span>
  );
}

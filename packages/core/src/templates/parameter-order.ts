/**
 * The order a template's form asks its parameters in: as the file writes them. The catalog
 * stores entities as jsonb, which sorts an object's keys (shortest first), so at ingestion each
 * page gets a complete rjsf `ui:order` — the list Backstage's form reads too — in the file's
 * order (a `ui:order` the file writes kept, its `*` spelled out), and every reader orders a
 * page's properties by it.
 */

type Page = Record<string, unknown>;

const propertiesOf = (page: Page): Record<string, unknown> =>
  typeof page.properties === 'object' && page.properties !== null && !Array.isArray(page.properties)
    ? (page.properties as Record<string, unknown>)
    : {};

/** A Template entity whose parameter pages (those with properties) list them all in `ui:order`. */
export function withParameterOrder(entity: unknown): unknown {
  const spec = (entity as { spec?: Record<string, unknown> } | null)?.spec;
  if (!spec || typeof spec !== 'object' || spec.parameters === undefined) return entity;
  const ordered = (page: unknown) => {
    if (typeof page !== 'object' || page === null || Array.isArray(page)) return page;
    const names = orderedPropertyNames(page as Page);
    return names.length ? { ...page, 'ui:order': names } : page;
  };
  const parameters = Array.isArray(spec.parameters) ? spec.parameters.map(ordered) : ordered(spec.parameters);
  return { ...(entity as object), spec: { ...spec, parameters } };
}

/** A page's property names in its `ui:order` (`*` standing for the rest), else in key order. */
export function orderedPropertyNames(page: Page): string[] {
  const names = Object.keys(propertiesOf(page));
  const order = Array.isArray(page['ui:order'])
    ? page['ui:order'].filter((n): n is string => typeof n === 'string')
    : [];
  if (order.length === 0) return names;
  const listed = order.filter((n) => n === '*' || names.includes(n));
  const rest = names.filter((n) => !listed.includes(n));
  const star = listed.indexOf('*');
  const withoutStar = listed.filter((n) => n !== '*');
  return star < 0 ? [...withoutStar, ...rest] : [...withoutStar.slice(0, star), ...rest, ...withoutStar.slice(star)];
}

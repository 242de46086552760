/**
 * Reading an entity's document, which the API hands over as read from its source: every
 * field is checked for its type here, since a catalog-info.yaml may say anything.
 */

export interface EntityLink {
  url: string;
  title: string;
}

export interface EntityFields {
  kind: string;
  name: string;
  namespace: string;
  title: string;
  description: string;
  tags: string[];
  links: EntityLink[];
  annotations: Record<string, string>;
  labels: Record<string, string>;
  spec: Record<string, unknown>;
}

const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const strings = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(record(v)).filter((e): e is [string, string] => typeof e[1] === 'string'));

export function entityFields(entity: Record<string, unknown>): EntityFields {
  const metadata = record(entity.metadata);
  const name = text(metadata.name);
  return {
    kind: text(entity.kind),
    name,
    namespace: text(metadata.namespace) || 'default',
    title: text(metadata.title) || name,
    description: text(metadata.description),
    tags: Array.isArray(metadata.tags) ? metadata.tags.map(text).filter((t) => t !== '') : [],
    links: Array.isArray(metadata.links)
      ? metadata.links
          .map(record)
          .map((l) => ({ url: text(l.url), title: text(l.title) || text(l.url) }))
          .filter((l) => safeUrl(l.url))
      : [],
    annotations: strings(metadata.annotations),
    labels: strings(metadata.labels),
    spec: record(entity.spec),
  };
}

/** Only web and mail links become anchors: a catalog file is not trusted to link to javascript:. */
export function safeUrl(url: string): boolean {
  return /^(https?:|mailto:)/i.test(url.trim());
}

/** A spec field as text (`spec.type`, `spec.lifecycle`), empty when absent or not text. */
export function specText(fields: EntityFields, key: string): string {
  return text(fields.spec[key]);
}

/**
 * Backstage's location annotations hold `url:https://…` or `dir:./x`: the web address when
 * there is one, else the text as written.
 */
export function annotationUrl(value: string): string | null {
  const url = value.replace(/^url:/, '').trim();
  return safeUrl(url) ? url : null;
}

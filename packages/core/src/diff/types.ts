/** One difference at one field, addressed by a JSON Pointer (RFC 6901). */
export interface FieldChange {
  /** JSON Pointer; list items matched by name use the name as the segment (`/containers/web/image`). */
  path: string;
  op: 'add' | 'remove' | 'replace';
  from?: unknown;
  to?: unknown;
}

/** Who an object is, without its content. */
export interface ObjectSummary {
  /** `objectKey` of the object. */
  key: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** The text that stands in for every Secret value in a diff or a drift report. */
export const secretPlaceholder = '(secret)';

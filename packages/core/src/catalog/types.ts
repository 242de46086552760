/** A Backstage entity as read from a catalog file: the envelope is typed, the rest is free. */
export interface CatalogEntity {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    etag?: string;
    title?: string;
    description?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    tags?: string[];
    links?: unknown[];
    [key: string]: unknown;
  };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

/** One problem with one entity, addressed by a JSON Pointer into its document. */
export interface EntityIssue {
  path: string;
  message: string;
}

/** The kinds Slipway's catalog understands, Backstage's built-in ones. */
export const catalogKinds = [
  'Component',
  'API',
  'System',
  'Domain',
  'Resource',
  'Group',
  'User',
  'Location',
  'Template',
] as const;

/**
 * Backstage's `backstage.io/managed-by-location` and `managed-by-origin-location` annotations,
 * which its plugins read to say where an entity comes from ("View source", "Edit"). Values are
 * location references, `type:target`: a url location's file is `url:<its URL>`; a git
 * location's file is `git:<remote>#<ref>:<path>` (git's own `<revision>:<path>`; the ref is
 * `HEAD`, git's name for it, when the location follows the remote's default branch), and the
 * location itself `git:<remote>#<ref>`. Slipway writes them on every entity, over what a file says.
 */
export interface LocationOrigin {
  type: 'git' | 'url';
  target: string;
  ref: string;
}

export const managedByLocation = 'backstage.io/managed-by-location';
export const managedByOriginLocation = 'backstage.io/managed-by-origin-location';

export function managedByAnnotations(origin: LocationOrigin, path: string): Record<string, string> {
  if (origin.type === 'url') {
    return { [managedByLocation]: `url:${origin.target}`, [managedByOriginLocation]: `url:${origin.target}` };
  }
  const location = `git:${origin.target}#${origin.ref || 'HEAD'}`;
  return { [managedByLocation]: `${location}:${path}`, [managedByOriginLocation]: location };
}

/** The document with the annotations set, when it has a metadata mapping to hold them. */
export function withManagedBy(value: unknown, origin: LocationOrigin, path: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { metadata } = value as { metadata?: unknown };
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return value;
  const { annotations } = metadata as { annotations?: unknown };
  const existing =
    typeof annotations === 'object' && annotations !== null && !Array.isArray(annotations) ? annotations : {};
  return {
    ...value,
    metadata: { ...metadata, annotations: { ...existing, ...managedByAnnotations(origin, path) } },
  };
}

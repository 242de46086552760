import { canonicalJson } from '../workload/canonical.ts';
import { sha256Hex } from '../workload/hash.ts';
import { formatEntityRef, parseEntityRef } from './entity-ref.ts';
import type { CatalogEntity } from './types.ts';

/** The columns catalog queries filter on, taken from the document. */
export interface EntityColumns {
  kind: string;
  namespace: string;
  name: string;
  type: string;
  owner: string;
  lifecycle: string;
  system: string;
  tags: string[];
  title: string;
  description: string;
}

export function entityColumns(entity: CatalogEntity): EntityColumns {
  const spec = entity.spec ?? {};
  const namespace = entity.metadata.namespace ?? 'default';
  return {
    kind: entity.kind.toLowerCase(),
    namespace: namespace.toLowerCase(),
    name: entity.metadata.name.toLowerCase(),
    type: text(spec.type),
    owner: refOrEmpty(spec.owner, 'Group', namespace),
    lifecycle: text(spec.lifecycle),
    system: refOrEmpty(spec.system, 'System', namespace),
    tags: Array.isArray(entity.metadata.tags) ? entity.metadata.tags.filter((t) => typeof t === 'string') : [],
    title: text(entity.metadata.title),
    description: text(entity.metadata.description),
  };
}

/**
 * A digest of the document as read (keys sorted, uid and etag left out since Slipway fills
 * them in): a refresh that finds the same digest leaves the stored entity alone.
 */
export function entityHash(entity: CatalogEntity): string {
  const { uid: _uid, etag: _etag, ...metadata } = entity.metadata;
  return sha256Hex(canonicalJson({ ...entity, metadata }));
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function refOrEmpty(value: unknown, kind: string, namespace: string): string {
  if (typeof value !== 'string' || !value) return '';
  try {
    return formatEntityRef(parseEntityRef(value, { defaultKind: kind, defaultNamespace: namespace }));
  } catch {
    return '';
  }
}

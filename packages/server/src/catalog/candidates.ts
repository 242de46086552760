import { createHash } from 'node:crypto';
import {
  type Candidate,
  type CatalogEntity,
  canonicalJson,
  declaredRelations,
  entityColumns,
  type LocationProblem,
  validateEntity,
  withParameterOrder,
} from '@slipway/core';
import { type LocationOrigin, withManagedBy } from './managed-by.ts';
import type { YamlDocument } from './yaml-documents.ts';

const isTemplate = (value: unknown) => (value as { kind?: unknown } | null)?.kind === 'Template';

/**
 * Turns documents into entities. A document that is not YAML or names no entity becomes a
 * problem of the location; a document that names an entity but breaks its kind's rules is
 * kept, with its issues on it. The first file claiming a reference wins within a location.
 */
export async function toCandidates(
  documents: readonly YamlDocument[],
  origin?: LocationOrigin,
): Promise<{ candidates: Candidate[]; problems: LocationProblem[] }> {
  const byRef = new Map<string, Candidate>();
  const problems: LocationProblem[] = [];
  for (const doc of documents) {
    const where = `${doc.path}${doc.index > 0 ? ` (document ${doc.index + 1})` : ''}`;
    if (doc.error !== undefined) {
      problems.push({ sourcePath: doc.path, kind: 'yaml', message: `${where} is not valid YAML: ${doc.error}` });
      continue;
    }
    const annotated = origin ? withManagedBy(doc.value, origin, doc.path) : doc.value;
    const result = await validateEntity(isTemplate(annotated) ? withParameterOrder(annotated) : annotated);
    if (!result.ok) {
      problems.push({
        sourcePath: doc.path,
        ...(result.ref ? { entityRef: result.ref } : {}),
        kind: 'invalid',
        message: `${where}: ${result.issues.map((i) => `${i.path || '(document)'} ${i.message}`).join('; ')}`,
      });
      continue;
    }
    const earlier = byRef.get(result.ref);
    if (earlier) {
      problems.push({
        sourcePath: doc.path,
        entityRef: result.ref,
        kind: 'conflict',
        message: `${result.ref} in ${where} is already defined in ${earlier.sourcePath} of this location; the first one is kept`,
      });
      continue;
    }
    const relations = declaredRelations(result.entity);
    byRef.set(result.ref, {
      ref: result.ref,
      sourcePath: doc.path,
      entity: result.entity,
      hash: entityDigest(result.entity),
      columns: entityColumns(result.entity),
      issues: [...result.issues, ...relations.issues],
      relations: relations.relations,
    });
  }
  return { candidates: [...byRef.values()], problems };
}

/**
 * The same digest as `entityHash` of @slipway/core (the document with keys sorted, uid and
 * etag left out), hashed with node's SHA-256: core's portable one was a tenth of ingestion.
 */
export function entityDigest(entity: CatalogEntity): string {
  const { uid: _uid, etag: _etag, ...metadata } = entity.metadata;
  return createHash('sha256')
    .update(canonicalJson({ ...entity, metadata }))
    .digest('hex');
}

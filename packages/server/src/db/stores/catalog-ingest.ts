import { randomUUID } from 'node:crypto';
import { type CatalogEntity, declaredRelations, type EntityIssue, relationRows } from '@slipway/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Candidate } from '../../catalog/candidates.ts';
import type { LocationProblem } from '../../catalog/snapshot.ts';
import type { Schema } from '../schema.ts';

/** What one refresh changed: how many entities were written and which references came and went. */
export interface RefreshWrites {
  inserted: number;
  updated: number;
  deleted: string[];
  unchanged: number;
  conflicts: number;
}

/** An issue of an unresolved relation carries its target, so it can be recomputed alone. */
interface StoredIssue extends EntityIssue {
  target?: string;
}

const chunkSize = 400;

/**
 * Stores what a refresh read, in one transaction: new entities are inserted in batches (uid
 * made here and kept for good), changed ones rewritten, vanished ones deleted, and the
 * location's problems replaced. References already owned by another location are not taken:
 * the first location keeps them and this one gets a conflict problem. Last, relation errors
 * are recomputed for every entity whose relation targets came or went.
 */
export async function applyRefresh(
  db: Kysely<Schema>,
  input: { locationId: string; revision: string; candidates: Candidate[]; problems: LocationProblem[]; now: Date },
): Promise<RefreshWrites> {
  return db.transaction().execute(async (tx) => {
    const { locationId } = input;
    const problems = [...input.problems];
    const existing = new Map(
      (
        await tx
          .selectFrom('catalog_entities')
          .select(['id', 'ref', 'hash', 'source_path'])
          .where('location_id', '=', locationId)
          .execute()
      ).map((r) => [r.ref, r]),
    );
    const fresh = input.candidates.filter((c) => !existing.has(c.ref));
    const owners = await ownersOf(
      tx,
      fresh.map((c) => c.ref),
    );
    const claimable = fresh.filter((c) => !owners.has(c.ref));
    const inserted = await insertEntities(tx, locationId, claimable);
    // Taken by another location before (or while) we looked: reported, never overwritten.
    const lost = fresh.filter((c) => !inserted.has(c.ref));
    const lostOwners = await ownersOf(
      tx,
      lost.filter((c) => !owners.has(c.ref)).map((c) => c.ref),
    );
    for (const c of lost) {
      const owner = owners.get(c.ref) ?? lostOwners.get(c.ref);
      problems.push({
        sourcePath: c.sourcePath,
        entityRef: c.ref,
        kind: 'conflict',
        message: `${c.ref} in ${c.sourcePath} is already defined by location ${owner?.target ?? 'another location'}${owner?.path ? ` (${owner.path})` : ''}; that one is kept`,
      });
    }

    const changed = input.candidates.filter((c) => {
      const row = existing.get(c.ref);
      return row !== undefined && (row.hash !== c.hash || row.source_path !== c.sourcePath);
    });
    for (const c of changed) await updateEntity(tx, existing.get(c.ref)?.id as string, c, input.now);

    const found = new Set(input.candidates.map((c) => c.ref));
    const gone = [...existing.values()].filter((r) => !found.has(r.ref));
    for (const ids of chunks(gone.map((r) => r.id)))
      await tx.deleteFrom('catalog_entities').where('id', 'in', ids).execute();

    await tx.deleteFrom('catalog_errors').where('location_id', '=', locationId).execute();
    for (const part of chunks(problems))
      await tx
        .insertInto('catalog_errors')
        .values(
          part.map((p) => ({
            location_id: locationId,
            source_path: p.sourcePath,
            entity_ref: p.entityRef ?? '',
            kind: p.kind,
            message: p.message,
          })),
        )
        .execute();

    const touched = [...inserted.values(), ...changed.map((c) => existing.get(c.ref)?.id as string)];
    await recheckRelations(tx, touched, [...inserted.keys(), ...gone.map((r) => r.ref)]);

    const status = problems.length > 0 ? 'warning' : 'ok';
    const message = problems.length > 0 ? `${problems.length} problem(s) while reading` : '';
    await tx
      .updateTable('catalog_locations')
      .set({ revision: input.revision, status, message, refreshed_at: input.now })
      .where('id', '=', locationId)
      .execute();
    return {
      inserted: inserted.size,
      updated: changed.length,
      deleted: gone.map((r) => r.ref),
      unchanged: input.candidates.length - inserted.size - changed.length - lost.length,
      conflicts: lost.length,
    };
  });
}

async function ownersOf(tx: Transaction<Schema>, refs: string[]) {
  const owners = new Map<string, { target: string; path: string }>();
  for (const part of chunks(refs)) {
    const rows = await tx
      .selectFrom('catalog_entities as e')
      .innerJoin('catalog_locations as l', 'l.id', 'e.location_id')
      .select(['e.ref', 'l.target', 'e.source_path'])
      .where('e.ref', 'in', part)
      .execute();
    for (const r of rows) owners.set(r.ref, { target: r.target, path: r.source_path });
  }
  return owners;
}

/** Inserts in batches; answers ref → id of the rows actually inserted (a lost race inserts none). */
async function insertEntities(tx: Transaction<Schema>, locationId: string, candidates: Candidate[]) {
  const inserted = new Map<string, string>();
  for (const part of chunks(candidates)) {
    const rows = await tx
      .insertInto('catalog_entities')
      .values(
        part.map((c) => {
          const id = randomUUID();
          return { id, location_id: locationId, ...entityValues(c, id) };
        }),
      )
      .onConflict((oc) => oc.column('ref').doNothing())
      .returning(['id', 'ref'])
      .execute();
    for (const r of rows) inserted.set(r.ref, r.id);
  }
  const relations = candidates.filter((c) => inserted.has(c.ref));
  await insertRelations(
    tx,
    relations.map((c) => ({ id: inserted.get(c.ref) as string, candidate: c })),
  );
  return inserted;
}

async function updateEntity(tx: Transaction<Schema>, id: string, c: Candidate, now: Date): Promise<void> {
  await tx
    .updateTable('catalog_entities')
    .set({ ...entityValues(c, id), updated_at: now })
    .where('id', '=', id)
    .execute();
  await tx.deleteFrom('catalog_relations').where('origin_id', '=', id).execute();
  await insertRelations(tx, [{ id, candidate: c }]);
}

async function insertRelations(tx: Transaction<Schema>, items: Array<{ id: string; candidate: Candidate }>) {
  const rows = items.flatMap(({ id, candidate }) =>
    relationRows(candidate.ref, candidate.relations).map((r) => ({
      origin_id: id,
      source_ref: r.source,
      type: r.type,
      target_ref: r.target,
    })),
  );
  for (const part of chunks(rows, 1000))
    await tx
      .insertInto('catalog_relations')
      .values(part)
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/** The stored columns of an entity, with Slipway's uid and etag written into its metadata. */
function entityValues(c: Candidate, id: string) {
  const entity: CatalogEntity = { ...c.entity, metadata: { ...c.entity.metadata, uid: id, etag: c.hash.slice(0, 16) } };
  const k = c.columns;
  return {
    ref: c.ref,
    kind: k.kind,
    namespace: k.namespace,
    name: k.name,
    type: k.type,
    owner: k.owner,
    lifecycle: k.lifecycle,
    system: k.system,
    tags: k.tags,
    title: k.title,
    description: k.description,
    entity: JSON.stringify(entity),
    source_path: c.sourcePath,
    hash: c.hash,
    errors: JSON.stringify(c.issues),
    search: searchVector(c),
  };
}

/** Name and title weigh most, then tags, then kind/type/owner/system, then the description. */
function searchVector(c: Candidate) {
  const k = c.columns;
  const words = (s: string) => s.replace(/[-_.:/]/g, ' ');
  return sql`setweight(to_tsvector('simple', ${`${k.name} ${words(k.name)} ${k.title}`}), 'A')
    || setweight(to_tsvector('simple', ${k.tags.join(' ')}), 'B')
    || setweight(to_tsvector('simple', ${`${k.kind} ${k.type} ${words(k.owner)} ${words(k.system)}`}), 'C')
    || setweight(to_tsvector('simple', ${k.description}), 'D')`;
}

/**
 * Recomputes the unresolved-relation issues of the entities just written and of every entity
 * whose relations point at a reference that appeared or disappeared in this refresh, with a
 * few set-based queries. Validation issues (those without a target) are kept as they are.
 */
export async function recheckRelations(tx: Kysely<Schema>, touchedIds: string[], changedRefs: string[]) {
  const ids = new Set(touchedIds);
  for (const part of chunks(changedRefs)) {
    const rows = await sql<{ origin_id: string }>`
      select distinct r.origin_id from catalog_relations r
      join catalog_entities e on e.id = r.origin_id and e.ref = r.source_ref
      where r.target_ref in (${sql.join(part)})`.execute(tx);
    for (const r of rows.rows) ids.add(r.origin_id);
  }
  for (const part of chunks([...ids])) {
    const entities = await tx
      .selectFrom('catalog_entities')
      .select(['id', 'entity', 'errors'])
      .where('id', 'in', part)
      .execute();
    const declared = entities.map((e) => ({
      e,
      relations: declaredRelations(e.entity as unknown as CatalogEntity).relations,
    }));
    const targets = [...new Set(declared.flatMap((d) => d.relations.map((r) => r.target)))];
    const present = new Set<string>();
    for (const t of chunks(targets)) {
      const rows = await tx.selectFrom('catalog_entities').select('ref').where('ref', 'in', t).execute();
      for (const r of rows) present.add(r.ref);
    }
    const updates: Array<{ id: string; errors: string }> = [];
    for (const { e, relations } of declared) {
      const kept = (e.errors as StoredIssue[]).filter((i) => i.target === undefined);
      const missing: StoredIssue[] = relations
        .filter((r) => !present.has(r.target))
        .map((r) => ({ path: r.path, message: `${r.target} is not in the catalog`, target: r.target }));
      const next = [...kept, ...missing];
      if (JSON.stringify(next) !== JSON.stringify(e.errors)) updates.push({ id: e.id, errors: JSON.stringify(next) });
    }
    if (updates.length === 0) continue;
    const values = sql.join(updates.map((u) => sql`(${u.id}::uuid, ${u.errors}::jsonb)`));
    await sql`update catalog_entities as e set errors = v.errors from (values ${values}) as v(id, errors) where e.id = v.id`.execute(
      tx,
    );
  }
}

function chunks<T>(items: readonly T[], size = chunkSize): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

import { randomUUID } from 'node:crypto';
import {
  type Candidate,
  type CatalogEntity,
  declaredRelations,
  type EntityIssue,
  type LocationProblem,
  relationRows,
} from '@slipway/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Schema } from '../schema.ts';
import { deleteCatalogLocation } from './catalog-locations.ts';

/** What one refresh changed: how many entities were written and which references came and went. */
export interface RefreshWrites {
  inserted: number;
  updated: number;
  deleted: string[];
  unchanged: number;
  conflicts: number;
}

/** An entity the location holds after a refresh; `created` when this refresh inserted it. */
export interface StoredEntity {
  id: string;
  candidate: Candidate;
  created: boolean;
}

export interface AppliedRefresh {
  writes: RefreshWrites;
  entities: StoredEntity[];
}

/** An issue of an unresolved relation carries its target, so it can be recomputed alone. */
interface StoredIssue extends EntityIssue {
  target?: string;
}

// Rows per statement. PGlite runs one statement at a time in this process: fewer, larger
// statements cost less than many small ones; the rows travel as one JSON parameter.
const entityBatch = 500;
const relationBatch = 5000;
const refBatch = 5000;

/**
 * Catalog writes take turns, on every replica (an advisory lock held to the end of the
 * transaction). A refresh decides which of its relation targets are missing, and rechecks the
 * entities pointing at what it added or removed, from what other refreshes have committed: two
 * at once each missed the other's entities. On PostgreSQL at 100,000 entities, 4 refreshes at
 * a time, 25,779 entities kept an issue for a target that was there. (PGlite, one connection,
 * always ran them in turn.) Only the database writes wait: fetching and reading stay parallel.
 */
export const catalogWriteLock = 0x5_ca7_a10c;

async function takeTurn(tx: Kysely<Schema>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${catalogWriteLock})`.execute(tx);
}

export interface RefreshInput {
  locationId: string;
  revision: string;
  candidates: Candidate[];
  problems: LocationProblem[];
  now: Date;
}

interface QueuedWrite {
  write: (tx: Transaction<Schema>) => Promise<unknown>;
  /** Whether the result wrote entity rows, whose search entries then want merging. */
  wroteEntities: (result: unknown) => boolean;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

// Enough to take every refresh waiting at the default concurrencies, and a bound on how long
// one transaction holds the turn (and other replicas wait).
const maxGroup = 16;

/**
 * The catalog writes of this process, committed in groups. Writes take turns anyway (the lock
 * above), so while one transaction holds the turn the refreshes that finish reading queue
 * here, and the next transaction writes them all, in order, each seeing those before it as if
 * it had committed. Queued writes hold no pooled connection: one transaction per write, each
 * waiting on the lock with a connection, let a burst of refreshes (catalog.concurrency goes to
 * 32, the pool defaults to 10) take the whole pool while another replica wrote. If one write of
 * a group fails, the group is rolled back and each of its writes runs again in a transaction of
 * its own: one bad refresh never fails the others.
 */
export class CatalogWrites {
  readonly #db: Kysely<Schema>;
  readonly #queue: QueuedWrite[] = [];
  #draining = false;

  constructor(db: Kysely<Schema>) {
    this.#db = db;
  }

  /** Stores what a refresh read (see writeRefresh), then merges the search entries it added. */
  refresh(input: RefreshInput): Promise<AppliedRefresh> {
    return this.#enqueue(
      (tx) => writeRefresh(tx, input),
      (r) => r.writes.inserted + r.writes.updated > 0,
    );
  }

  /** Deletes a location with its entities; answers the references deleted. */
  remove(locationId: string): Promise<string[]> {
    return this.#enqueue(
      (tx) => writeRemoval(tx, locationId),
      () => false,
    );
  }

  #enqueue<T>(write: (tx: Transaction<Schema>) => Promise<T>, wroteEntities: (result: T) => boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({
        write,
        wroteEntities: (result) => wroteEntities(result as T),
        resolve: (result) => resolve(result as T),
        reject,
      });
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0) await this.#commit(this.#queue.splice(0, maxGroup));
    } finally {
      this.#draining = false;
    }
  }

  async #commit(group: QueuedWrite[]): Promise<void> {
    let results: unknown[];
    try {
      results = await this.#db.transaction().execute(async (tx) => {
        await takeTurn(tx);
        const out: unknown[] = [];
        for (const w of group) out.push(await w.write(tx));
        return out;
      });
    } catch (error) {
      if (group.length === 1) group[0]?.reject(error);
      else for (const w of group) await this.#commit([w]);
      return;
    }
    try {
      if (group.some((w, i) => w.wroteEntities(results[i])))
        await mergeSearchIndexes(this.#db, ['catalog_entities_search_idx', 'catalog_entities_kind_tags_idx']);
      for (const [i, w] of group.entries()) w.resolve(results[i]);
    } catch (error) {
      for (const w of group) w.reject(error);
    }
  }
}

/**
 * Stores what a refresh read, in its group's transaction: new entities are inserted in batches (uid
 * made here and kept for good), changed ones rewritten, vanished ones deleted, and the
 * location's problems replaced. References already owned by another location are not taken:
 * the first location keeps them and this one gets a conflict problem. The entities written
 * carry their unresolved relations as they stand once the refresh commits; then relation
 * errors are recomputed for every other entity whose relation targets came or went.
 */
async function writeRefresh(tx: Transaction<Schema>, input: RefreshInput): Promise<AppliedRefresh> {
  const { locationId, candidates } = input;
  const problems = [...input.problems];
  // One lookup for both: this location's entities, and which relation targets are stored.
  const targets = [...new Set(candidates.flatMap((c) => c.relations.map((r) => r.target)))];
  const { rows } = await sql<{ id: string; ref: string; hash: string; source_path: string; own: boolean }>`
    select id, ref, hash, source_path, location_id = ${locationId}::uuid as own from catalog_entities
    where location_id = ${locationId}::uuid or ref = any(${targets}::text[])`.execute(tx);
  const existing = new Map(rows.filter((r) => r.own).map((r) => [r.ref, r]));
  const stored = new Set(rows.map((r) => r.ref));
  const fresh = candidates.filter((c) => !existing.has(c.ref));
  const changed = candidates.filter((c) => {
    const row = existing.get(c.ref);
    return row !== undefined && (row.hash !== c.hash || row.source_path !== c.sourcePath);
  });
  const found = new Set(candidates.map((c) => c.ref));
  const gone = [...existing.values()].filter((r) => !found.has(r.ref));

  // A target is there after this refresh if it is stored and not removed by it, or read by it
  // (inserted now, or already another location's: either way it is in the catalog).
  const goneRefs = new Set(gone.map((r) => r.ref));
  const present = (ref: string) => found.has(ref) || (stored.has(ref) && !goneRefs.has(ref));

  const inserted = await insertEntities(tx, locationId, fresh, present);
  // Taken by another location before (or while) we looked: reported, never overwritten.
  const lost = fresh.filter((c) => !inserted.has(c.ref));
  const owners = await ownersOf(
    tx,
    lost.map((c) => c.ref),
  );
  for (const c of lost) {
    const owner = owners.get(c.ref);
    problems.push({
      sourcePath: c.sourcePath,
      entityRef: c.ref,
      kind: 'conflict',
      message: `${c.ref} in ${c.sourcePath} is already defined by location ${owner?.target ?? 'another location'}${owner?.path ? ` (${owner.path})` : ''}; that one is kept`,
    });
  }

  const idOf = (c: Candidate) => (existing.get(c.ref)?.id ?? inserted.get(c.ref)) as string;
  await updateEntities(tx, changed, idOf, present, input.now);

  for (const ids of chunks(
    gone.map((r) => r.id),
    refBatch,
  ))
    await sql`delete from catalog_entities where id = any(${ids}::uuid[])`.execute(tx);

  // The entities just written are right already; the others pointing at what came or went are not.
  const written = new Set([...inserted.values(), ...changed.map(idOf)]);
  await recheckRelations(tx, [...inserted.keys(), ...goneRefs], written);

  // The location's problems replaced and its state written, in one statement.
  const status = problems.length > 0 ? 'warning' : 'ok';
  const message = problems.length > 0 ? `${problems.length} problem(s) while reading` : '';
  const errors = problems.map((p) => ({
    source_path: p.sourcePath,
    entity_ref: p.entityRef ?? '',
    kind: p.kind,
    message: p.message,
  }));
  await sql`
    with cleared as (delete from catalog_errors where location_id = ${locationId}::uuid),
    added as (
      insert into catalog_errors (location_id, source_path, entity_ref, kind, message)
      select ${locationId}::uuid, e.source_path, e.entity_ref, e.kind, e.message
      from jsonb_to_recordset(${JSON.stringify(errors)}::jsonb) as e(source_path text, entity_ref text, kind text, message text)
    )
    update catalog_locations set revision = ${input.revision}, status = ${status}, message = ${message},
      refreshed_at = ${input.now}
    where id = ${locationId}::uuid`.execute(tx);
  return {
    writes: {
      inserted: inserted.size,
      updated: changed.length,
      deleted: gone.map((r) => r.ref),
      unchanged: candidates.length - inserted.size - changed.length - lost.length,
      conflicts: lost.length,
    },
    entities: candidates
      .filter((c) => existing.has(c.ref) || inserted.has(c.ref))
      .map((c) => ({ id: idOf(c), candidate: c, created: inserted.has(c.ref) })),
  };
}

/**
 * Deletes a location with its entities (their relations and its errors go by cascade), and
 * rechecks the entities pointing at them. Answers the references deleted.
 */
async function writeRemoval(tx: Transaction<Schema>, id: string): Promise<string[]> {
  const refs = await deleteCatalogLocation(tx, id);
  await recheckRelations(tx, refs);
  return refs;
}

/** Which of these references the catalog holds now. */
async function presentRefs(tx: Kysely<Schema>, refs: string[]): Promise<Set<string>> {
  const present = new Set<string>();
  for (const part of chunks(refs, refBatch)) {
    const { rows } = await sql<{ ref: string }>`
      select ref from catalog_entities where ref = any(${part}::text[])`.execute(tx);
    for (const r of rows) present.add(r.ref);
  }
  return present;
}

async function ownersOf(tx: Transaction<Schema>, refs: string[]) {
  const owners = new Map<string, { target: string; path: string }>();
  for (const part of chunks(refs, refBatch)) {
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

// The stored columns of an entity as one JSON record each; the search vector is made from the
// four weighted texts in SQL. Name and title weigh most, then tags, then kind/type/owner/system,
// then the description.
const recordColumns = sql`r(id uuid, ref text, kind text, namespace text, name text, type text, owner text,
  lifecycle text, system text, tags text[], title text, description text, entity jsonb, source_path text,
  hash text, errors jsonb, search_a text, search_b text, search_c text, search_d text)`;
const searchVector = sql`setweight(to_tsvector('simple', r.search_a), 'A')
  || setweight(to_tsvector('simple', r.search_b), 'B')
  || setweight(to_tsvector('simple', r.search_c), 'C')
  || setweight(to_tsvector('simple', r.search_d), 'D')`;

/**
 * Inserts in batches, each with the relations of its entities in the same statement; answers
 * ref → id of the rows actually inserted (a lost race inserts neither entity nor relations).
 */
async function insertEntities(
  tx: Transaction<Schema>,
  locationId: string,
  candidates: Candidate[],
  present: (ref: string) => boolean,
) {
  const inserted = new Map<string, string>();
  for (const part of chunks(candidates, entityBatch)) {
    const records = part.map((c) => entityRecord(c, randomUUID(), present));
    const relations = relationRecords(records.map((r, i) => ({ id: r.id, candidate: part[i] as Candidate })));
    const { rows } = await sql<{ id: string; ref: string }>`
      with inserted as (
        insert into catalog_entities (id, location_id, ref, kind, namespace, name, type, owner, lifecycle, system,
          tags, title, description, entity, source_path, hash, errors, search)
        select r.id, ${locationId}::uuid, r.ref, r.kind, r.namespace, r.name, r.type, r.owner, r.lifecycle, r.system,
          r.tags, r.title, r.description, r.entity, r.source_path, r.hash, r.errors, ${searchVector}
        from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as ${recordColumns}
        on conflict (ref) do nothing
        returning id, ref
      ),
      related as (${insertRelationsSql(relations, sql`where (r->>0)::uuid in (select id from inserted)`)})
      select id, ref from inserted`.execute(tx);
    for (const r of rows) inserted.set(r.ref, r.id);
  }
  return inserted;
}

/** Rewrites changed entities (same uid) and replaces the relations they own. */
async function updateEntities(
  tx: Transaction<Schema>,
  candidates: Candidate[],
  idOf: (c: Candidate) => string,
  present: (ref: string) => boolean,
  now: Date,
): Promise<void> {
  for (const part of chunks(candidates, entityBatch)) {
    const records = part.map((c) => entityRecord(c, idOf(c), present));
    await sql`
      update catalog_entities as e set ref = r.ref, kind = r.kind, namespace = r.namespace, name = r.name,
        type = r.type, owner = r.owner, lifecycle = r.lifecycle, system = r.system, tags = r.tags, title = r.title,
        description = r.description, entity = r.entity, source_path = r.source_path, hash = r.hash,
        errors = r.errors, search = ${searchVector}, updated_at = ${now}
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as ${recordColumns}
      where e.id = r.id`.execute(tx);
    await sql`delete from catalog_relations where origin_id = any(${part.map(idOf)}::uuid[])`.execute(tx);
    for (const rows of chunks(relationRecords(part.map((c) => ({ id: idOf(c), candidate: c }))), relationBatch))
      await insertRelationsSql(rows).execute(tx);
  }
}

/** Both directions of every relation the entities declare, owned by the entity declaring it. */
function relationRecords(items: Array<{ id: string; candidate: Candidate }>): string[][] {
  // relationRows has no repeats and each entity owns its own rows: no row can collide.
  return items.flatMap(({ id, candidate }) =>
    relationRows(candidate.ref, candidate.relations).map((r) => [id, r.source, r.type, r.target]),
  );
}

function insertRelationsSql(rows: string[][], where = sql``) {
  return sql`
    insert into catalog_relations (origin_id, source_ref, type, target_ref)
    select (r->>0)::uuid, r->>1, r->>2, r->>3 from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) as r ${where}`;
}

/**
 * The stored columns of an entity, with Slipway's uid and etag written into its metadata, and
 * its issues: validation ones, then its relations whose target is not in the catalog.
 */
function entityRecord(c: Candidate, id: string, present: (ref: string) => boolean) {
  const entity: CatalogEntity = { ...c.entity, metadata: { ...c.entity.metadata, uid: id, etag: c.hash.slice(0, 16) } };
  const k = c.columns;
  const words = (s: string) => s.replace(/[-_.:/]/g, ' ');
  const errors: StoredIssue[] = [...c.issues, ...missingTargets(c.relations, present)];
  return {
    id,
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
    entity,
    source_path: c.sourcePath,
    hash: c.hash,
    errors,
    search_a: `${k.name} ${words(k.name)} ${k.title}`,
    search_b: k.tags.join(' '),
    search_c: `${k.kind} ${k.type} ${words(k.owner)} ${words(k.system)}`,
    search_d: k.description,
  };
}

function missingTargets(
  relations: ReadonlyArray<{ path: string; target: string }>,
  present: (ref: string) => boolean,
): StoredIssue[] {
  return relations
    .filter((r) => !present(r.target))
    .map((r) => ({ path: r.path, message: `${r.target} is not in the catalog`, target: r.target }));
}

/**
 * Recomputes the unresolved-relation issues of every entity whose relations point at a
 * reference that appeared or disappeared (but those in `skip`, written with theirs just now),
 * with a few set-based queries. Validation issues (those without a target) are kept as they are.
 */
export async function recheckRelations(
  tx: Kysely<Schema>,
  changedRefs: string[],
  skip: ReadonlySet<string> = new Set(),
) {
  // Two index lookups rather than a join: without statistics (PGlite never analyses on its
  // own) the planner would hash the whole entity table for each refresh.
  const sources = new Map<string, Set<string>>();
  for (const part of chunks(changedRefs, refBatch)) {
    const { rows } = await sql<{ origin_id: string; source_ref: string }>`
      select origin_id, source_ref from catalog_relations
      where target_ref = any(${part}::text[]) and origin_id <> all(${[...skip]}::uuid[])`.execute(tx);
    for (const r of rows) {
      const refs = sources.get(r.origin_id) ?? new Set<string>();
      sources.set(r.origin_id, refs.add(r.source_ref));
    }
  }
  for (const part of chunks([...sources.keys()], entityBatch)) {
    const found = await sql<{ id: string; ref: string; entity: CatalogEntity; errors: StoredIssue[] }>`
      select id, ref, entity, errors from catalog_entities where id = any(${part}::uuid[])`.execute(tx);
    // Only the relations an entity declares count; the inverse rows it owns point back at itself.
    const entities = found.rows.filter((e) => sources.get(e.id)?.has(e.ref));
    const declared = entities.map((e) => ({ e, relations: declaredRelations(e.entity).relations }));
    const present = await presentRefs(tx, [...new Set(declared.flatMap((d) => d.relations.map((r) => r.target)))]);
    const updates: Array<{ id: string; errors: StoredIssue[] }> = [];
    for (const { e, relations } of declared) {
      const kept = e.errors.filter((i) => i.target === undefined);
      const next = [...kept, ...missingTargets(relations, (ref) => present.has(ref))];
      if (!sameIssues(next, e.errors)) updates.push({ id: e.id, errors: next });
    }
    if (updates.length === 0) continue;
    await sql`update catalog_entities as e set errors = r.errors
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as r(id uuid, errors jsonb) where e.id = r.id`.execute(
      tx,
    );
  }
}

// Compared field by field: jsonb hands objects back with their keys in its own order.
function sameIssues(a: readonly StoredIssue[], b: readonly StoredIssue[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => x.path === b[i]?.path && x.message === b[i]?.message && x.target === b[i]?.target)
  );
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Merges the pending lists of the catalog's GIN indexes into the indexes. Bulk inserts land in
 * a pending list that every search must scan; once it is large the planner gives up on the
 * index and full-text queries read the whole table (7 ms instead of 1 ms at 10k entities).
 * PostgreSQL's autovacuum merges it in time, PGlite has no autovacuum: so each refresh that
 * wrote rows merges what it added, a few milliseconds.
 */
export async function mergeSearchIndexes(db: Kysely<Schema>, indexes: readonly SearchIndex[]): Promise<void> {
  if (indexes.length === 0) return;
  const calls = indexes.map((name) => sql`gin_clean_pending_list(${name}::regclass)`);
  await sql`select ${sql.join(calls)}`.execute(db);
}

export type SearchIndex = 'catalog_entities_search_idx' | 'catalog_entities_kind_tags_idx' | 'catalog_docs_search_idx';

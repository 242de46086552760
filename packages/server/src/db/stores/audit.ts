import {
  type AuditFields,
  auditHash,
  type ChainedEntry,
  type ChainVerdict,
  genesisHash,
  verifyChain,
} from '@slipway/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { AuditEventsTable, Schema } from '../schema.ts';

export type NewAuditEvent = Omit<AuditFields, 'seq' | 'at'> & { at: Date };

/** Any constant shared by every replica: appends take this lock, so the chain has one order. */
const appendLock = 0x5_1a_7a_0d;

/**
 * Appends an entry at the end of the chain. The lock (held to the end of the transaction)
 * makes concurrent appends, from any replica, take turns: each reads the last hash and
 * writes the next seq, so no two entries ever claim one place.
 */
export async function appendAudit(db: Kysely<Schema>, event: NewAuditEvent): Promise<ChainedEntry> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${appendLock})`.execute(tx);
    const last = await tx
      .selectFrom('audit_events')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const fields: AuditFields = { ...event, seq: (last?.seq ?? 0) + 1, at: event.at.toISOString() };
    const prevHash = last?.hash ?? genesisHash;
    const hash = auditHash(prevHash, fields);
    await tx
      .insertInto('audit_events')
      .values({
        seq: fields.seq,
        at: event.at,
        actor: fields.actor,
        via: fields.via,
        action: fields.action,
        method: fields.method,
        route: fields.route,
        target: fields.target,
        status: fields.status,
        result: fields.result,
        request_id: fields.requestId,
        ip: fields.ip,
        detail: JSON.stringify(fields.detail),
        prev_hash: prevHash,
        hash,
      })
      .execute();
    // The head is kept apart too, so removing the newest entries is found as well.
    const head = `${fields.seq}:${hash}`;
    await tx
      .insertInto('settings')
      .values({ key: headKey, value: head })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: head }))
      .execute();
    return { ...fields, prevHash, hash };
  });
}

export interface AuditQuery {
  actor?: string | undefined;
  /** Entries whose target is this one or below it (`environments/dev` covers its services). */
  target?: string | undefined;
  action?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  /** Only entries after this seq (paging forward). */
  after?: number | undefined;
  limit?: number | undefined;
  order?: 'asc' | 'desc';
}

export async function queryAudit(db: Kysely<Schema>, q: AuditQuery = {}): Promise<ChainedEntry[]> {
  let query = db.selectFrom('audit_events').selectAll();
  if (q.actor) query = query.where('actor', '=', q.actor);
  if (q.target) {
    const target = q.target;
    query = query.where((eb) => eb.or([eb('target', '=', target), eb('target', 'like', `${escapeLike(target)}/%`)]));
  }
  if (q.action) query = query.where('action', '=', q.action);
  if (q.since) query = query.where('at', '>=', q.since);
  if (q.until) query = query.where('at', '<', q.until);
  if (q.after !== undefined) query = query.where('seq', '>', q.after);
  const rows = await query
    .orderBy('seq', q.order ?? 'desc')
    .limit(q.limit ?? 100)
    .execute();
  return rows.map(toEntry);
}

/** Walks the whole chain in batches and says whether it is intact, or where it breaks. */
export async function verifyAudit(db: Kysely<Schema>, batch = 1000): Promise<ChainVerdict> {
  let from = { hash: genesisHash, seq: 0 };
  let checked = 0;
  for (;;) {
    const rows = await queryAudit(db, { after: from.seq, limit: batch, order: 'asc' });
    if (rows.length === 0) return checkHead(db, { ok: true, checked, lastHash: from.hash, lastSeq: from.seq });
    const verdict = verifyChain(rows, from);
    checked += verdict.checked;
    if (!verdict.ok) return { ...verdict, checked };
    from = { hash: verdict.lastHash, seq: verdict.lastSeq };
  }
}

const headKey = 'audit.head';

/** An intact chain must also end where the last append left it: otherwise its tail was cut. */
async function checkHead(db: Kysely<Schema>, verdict: ChainVerdict): Promise<ChainVerdict> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', headKey).executeTakeFirst();
  const expected = row?.value ?? `0:${genesisHash}`;
  if (expected === `${verdict.lastSeq}:${verdict.lastHash}`) return verdict;
  const seq = Number(expected.split(':')[0]);
  return {
    ...verdict,
    ok: false,
    broken: { seq: verdict.lastSeq + 1, reason: `the log ends at entry ${verdict.lastSeq}, but ${seq} were written` },
  };
}

function escapeLike(text: string): string {
  return text.replaceAll(/[\\%_]/g, (c) => `\\${c}`);
}

function toEntry(row: Selectable<AuditEventsTable>): ChainedEntry {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actor,
    via: row.via,
    action: row.action,
    method: row.method,
    route: row.route,
    target: row.target,
    status: row.status,
    result: row.result,
    requestId: row.request_id,
    ip: row.ip,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

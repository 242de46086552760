import { type CelPolicy, type CelSeverity, notFound } from '@slipway/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { CelPoliciesTable, Schema } from '../schema.ts';

/** A CEL policy as stored: the source, its fix, and who changed it when. */
export interface CelPolicyRecord extends CelPolicy {
  remedy: string;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
}

/**
 * Creates or replaces the policy of that name (the caller compiled it first). Returns whether it
 * was new, so the route can answer 201 or 200.
 */
export async function putCelPolicy(
  db: Kysely<Schema>,
  policy: CelPolicy,
  actor: string,
  now: Date,
): Promise<{ record: CelPolicyRecord; created: boolean }> {
  const fields = {
    expression: policy.expression,
    message_expression: policy.messageExpression ?? null,
    remedy: policy.remedy ?? '',
    severity: policy.severity,
    match: JSON.stringify(policy.match ?? {}),
    updated_by: actor,
    updated_at: now,
  };
  const row = await db
    .insertInto('cel_policies')
    .values({ name: policy.name, ...fields, created_by: actor, created_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet(fields))
    .returningAll()
    // xmax is 0 on a row this statement inserted, the updating transaction's id on one it updated.
    .returning(sql<boolean>`xmax = 0`.as('inserted'))
    .executeTakeFirstOrThrow();
  const { inserted, ...stored } = row;
  return { record: toRecord(stored), created: inserted };
}

/** Every policy, by name: small (a platform has tens), read whole at each deploy. */
export async function listCelPolicies(db: Kysely<Schema>): Promise<CelPolicyRecord[]> {
  return (await db.selectFrom('cel_policies').selectAll().orderBy('name').execute()).map(toRecord);
}

export async function getCelPolicy(db: Kysely<Schema>, name: string): Promise<CelPolicyRecord> {
  const row = await db.selectFrom('cel_policies').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) throw notFound(`CEL policy ${name}`);
  return toRecord(row);
}

export async function deleteCelPolicy(db: Kysely<Schema>, name: string): Promise<void> {
  const result = await db.deleteFrom('cel_policies').where('name', '=', name).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(`CEL policy ${name}`);
}

function toRecord(row: Selectable<CelPoliciesTable>): CelPolicyRecord {
  const match = row.match as CelPolicy['match'];
  return {
    name: row.name,
    expression: row.expression,
    ...(row.message_expression === null ? {} : { messageExpression: row.message_expression }),
    remedy: row.remedy,
    severity: row.severity as CelSeverity,
    ...(match && Object.keys(match).length > 0 ? { match } : {}),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

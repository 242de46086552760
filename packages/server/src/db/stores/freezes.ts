import { alreadyExists, type DeployFreeze, notFound } from '@slipway/core';
import type { Kysely, Selectable } from 'kysely';
import type { DeployFreezesTable, Schema } from '../schema.ts';
import { isUniqueViolation } from '../sql-errors.ts';

export type NewFreeze = Omit<DeployFreeze, 'id'> & { createdBy: string };
export type FreezeRecord = DeployFreeze & { createdBy: string; createdAt: Date };

export async function createFreeze(db: Kysely<Schema>, input: NewFreeze): Promise<FreezeRecord> {
  try {
    const row = await db
      .insertInto('deploy_freezes')
      .values({
        name: input.name,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        mode: input.mode,
        reason: input.reason,
        environment_types: input.environmentTypes,
        environments: input.environments,
        created_by: input.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toFreeze(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(`A deploy freeze named ${input.name} already exists`);
    throw error;
  }
}

/** Freezes that have not ended by `now` (ended ones stay, as a record). */
export async function currentFreezes(db: Kysely<Schema>, now: Date): Promise<FreezeRecord[]> {
  const rows = await db
    .selectFrom('deploy_freezes')
    .selectAll()
    .where('ends_at', '>', now)
    .orderBy('starts_at')
    .execute();
  return rows.map(toFreeze);
}

/**
 * Marks the freezes that have started by `now` and not ended as announced, and returns them:
 * each once, whichever replica asks first (the update takes their rows). A freeze that started
 * and ended while no server ran is never announced.
 */
export async function claimStartedFreezes(tx: Kysely<Schema>, now: Date): Promise<FreezeRecord[]> {
  const rows = await tx
    .updateTable('deploy_freezes')
    .set({ announced_at: now })
    .where('announced_at', 'is', null)
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now)
    .returningAll()
    .execute();
  return rows.map(toFreeze);
}

export async function listFreezes(db: Kysely<Schema>): Promise<FreezeRecord[]> {
  return (await db.selectFrom('deploy_freezes').selectAll().orderBy('starts_at', 'desc').execute()).map(toFreeze);
}

export async function deleteFreeze(db: Kysely<Schema>, name: string): Promise<void> {
  const result = await db.deleteFrom('deploy_freezes').where('name', '=', name).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(`Deploy freeze ${name}`);
}

function toFreeze(row: Selectable<DeployFreezesTable>): FreezeRecord {
  return {
    id: row.id,
    name: row.name,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    mode: row.mode,
    reason: row.reason,
    environmentTypes: row.environment_types,
    environments: row.environments,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

import { type Kysely, sql } from 'kysely';
import type { Schema } from '../schema.ts';

/**
 * Secret variables as stored: the value is sealed by the caller before it gets here and is
 * read back only by `effectiveSealed` (for a deploy) and the key rotation. Listing returns
 * metadata alone, so the routes cannot send a value by mistake.
 *
 * Rows of deleted environments are skipped everywhere (and purged when the deletion
 * finishes): a new environment of the same name is another environment.
 */
export interface SecretVariableMeta {
  name: string;
  /** The environment it is set for; null for every environment without its own value. */
  environment: string | null;
  version: number;
  createdBy: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A stored value, still sealed, and where it belongs (which its sealing is bound to). */
export interface SealedSecretVariable {
  id: string;
  serviceId: string;
  environmentId: string | null;
  name: string;
  sealedValue: string;
}

export interface SecretVariableWrite {
  serviceId: string;
  environmentId: string | null;
  name: string;
  sealedValue: string;
  actor: string;
}

/** The zero uuid stands for "every environment" in the unique index (see migration 0006). */
const everyEnvironment = sql`'00000000-0000-0000-0000-000000000000'::uuid`;

/** Metadata of a service's secret variables: service-wide ones first, then by environment and name. */
export async function listSecretVariables(db: Kysely<Schema>, serviceId: string): Promise<SecretVariableMeta[]> {
  const rows = await db
    .selectFrom('secret_variables as s')
    .leftJoin('environments as e', 'e.id', 's.environment_id')
    .select([
      's.name',
      'e.name as environment',
      's.version',
      's.created_by',
      's.updated_by',
      's.created_at',
      's.updated_at',
    ])
    .where('s.service_id', '=', serviceId)
    .where((eb) => eb.or([eb('s.environment_id', 'is', null), eb('e.deleted_at', 'is', null)]))
    .orderBy(sql`s.environment_id is null`, 'desc')
    .orderBy('e.name')
    .orderBy('s.name')
    .execute();
  return rows.map((r) => ({
    name: r.name,
    environment: r.environment,
    version: r.version,
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/**
 * Creates or replaces one value, atomically (two writers at once both succeed, one after the
 * other). Returns the metadata, with `created` when there was no value before.
 */
export async function writeSecretVariable(
  db: Kysely<Schema>,
  input: SecretVariableWrite,
): Promise<{ created: boolean; version: number; createdBy: string; createdAt: Date; updatedAt: Date }> {
  const row = await db
    .insertInto('secret_variables')
    .values({
      service_id: input.serviceId,
      environment_id: input.environmentId,
      name: input.name,
      value: input.sealedValue,
      created_by: input.actor,
      updated_by: input.actor,
    })
    .onConflict((oc) =>
      oc.expression(sql`service_id, coalesce(environment_id, ${everyEnvironment}), name`).doUpdateSet({
        value: (eb) => eb.ref('excluded.value'),
        updated_by: (eb) => eb.ref('excluded.updated_by'),
        version: sql`secret_variables.version + 1`,
        updated_at: sql`now()`,
      }),
    )
    .returning(['version', 'created_by', 'created_at', 'updated_at'])
    .executeTakeFirstOrThrow();
  // A value deleted and set again starts over at version 1: it was created, not replaced.
  return {
    created: row.version === 1,
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Deletes one value; false when there was none. */
export async function deleteSecretVariable(
  db: Kysely<Schema>,
  key: { serviceId: string; environmentId: string | null; name: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom('secret_variables')
    .where('service_id', '=', key.serviceId)
    .where('name', '=', key.name)
    .where((eb) =>
      key.environmentId === null ? eb('environment_id', 'is', null) : eb('environment_id', '=', key.environmentId),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** An environment's own values, when the environment is gone for good. */
export async function deleteEnvironmentSecretVariables(db: Kysely<Schema>, environmentId: string): Promise<void> {
  await db.deleteFrom('secret_variables').where('environment_id', '=', environmentId).execute();
}

/**
 * The sealed values a deploy of the service to the environment reads: the environment's own
 * and the service-wide ones; where both name the same variable, the environment's comes last
 * so that it wins when the caller folds them into a map.
 */
export async function effectiveSealed(
  db: Kysely<Schema>,
  serviceId: string,
  environmentId: string,
): Promise<SealedSecretVariable[]> {
  const rows = await db
    .selectFrom('secret_variables')
    .select(['id', 'service_id', 'environment_id', 'name', 'value'])
    .where('service_id', '=', serviceId)
    .where((eb) => eb.or([eb('environment_id', 'is', null), eb('environment_id', '=', environmentId)]))
    .orderBy(sql`environment_id is null`, 'desc')
    .orderBy('name')
    .execute();
  return rows.map(toSealed);
}

/** Every stored value (for key rotation), a page at a time in id order. */
export async function sealedSecretVariablesPage(
  db: Kysely<Schema>,
  after: string | null,
  limit: number,
): Promise<SealedSecretVariable[]> {
  let query = db
    .selectFrom('secret_variables')
    .select(['id', 'service_id', 'environment_id', 'name', 'value'])
    .orderBy('id')
    .limit(limit);
  if (after !== null) query = query.where('id', '>', after);
  return (await query.execute()).map(toSealed);
}

/**
 * Replaces a sealed value by the same value sealed anew (key rotation), only if nobody wrote
 * it meanwhile; neither its version nor its update time change, since its value did not.
 */
export async function resealSecretVariable(
  db: Kysely<Schema>,
  id: string,
  before: string,
  after: string,
): Promise<boolean> {
  const result = await db
    .updateTable('secret_variables')
    .set({ value: after })
    .where('id', '=', id)
    .where('value', '=', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function toSealed(row: {
  id: string;
  service_id: string;
  environment_id: string | null;
  name: string;
  value: string;
}): SealedSecretVariable {
  return {
    id: row.id,
    serviceId: row.service_id,
    environmentId: row.environment_id,
    name: row.name,
    sealedValue: row.value,
  };
}

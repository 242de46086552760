import { type EnvironmentType, invalidInput, notFound, SlipwayError } from '@slipway/core';
import type { Kysely, Selectable } from 'kysely';
import type { EnvironmentTypesTable, Schema } from '../schema.ts';

/**
 * Environment types, defined by platform engineers: the defaults, quota, policies, approval
 * rule and time-to-live that every environment of the type gets. The built-in four are
 * written once, on first start, and are theirs to change afterwards.
 */
export async function seedEnvironmentTypes(db: Kysely<Schema>, types: readonly EnvironmentType[]): Promise<void> {
  if (types.length === 0) return;
  await db
    .insertInto('environment_types')
    .values(types.map((t) => ({ name: t.name, spec: JSON.stringify(specOf(t)) })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

export async function putEnvironmentType(db: Kysely<Schema>, type: EnvironmentType): Promise<EnvironmentType> {
  const spec = JSON.stringify(specOf(type));
  const row = await db
    .insertInto('environment_types')
    .values({ name: type.name, spec })
    .onConflict((oc) => oc.column('name').doUpdateSet({ spec, updated_at: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toType(row);
}

export async function getEnvironmentType(db: Kysely<Schema>, name: string): Promise<EnvironmentType> {
  const row = await db.selectFrom('environment_types').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) throw notFound(`Environment type ${name}`);
  return toType(row);
}

export async function findEnvironmentType(db: Kysely<Schema>, name: string): Promise<EnvironmentType | undefined> {
  const row = await db.selectFrom('environment_types').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toType(row) : undefined;
}

export async function listEnvironmentTypes(db: Kysely<Schema>): Promise<EnvironmentType[]> {
  const rows = await db.selectFrom('environment_types').selectAll().orderBy('name').execute();
  return rows.map(toType);
}

/** The type an environment is created with; an unknown name is answered with the known ones. */
export async function requireEnvironmentType(
  db: Kysely<Schema>,
  name: string,
  path = '/type',
): Promise<EnvironmentType> {
  const found = await findEnvironmentType(db, name);
  if (found) return found;
  const known = (await listEnvironmentTypes(db)).map((t) => t.name);
  throw invalidInput(
    `There is no environment type named ${name}`,
    [{ path, message: known.length ? `not one of: ${known.join(', ')}` : 'no environment types exist' }],
    'A platform engineer defines types: slipway env-type set NAME ...',
  );
}

/** Deleting a type that live environments use would leave them without rules: refused. */
export async function deleteEnvironmentType(db: Kysely<Schema>, name: string): Promise<void> {
  const used = await db
    .selectFrom('environments')
    .select('name')
    .where('type', '=', name)
    .where('deleted_at', 'is', null)
    .execute();
  if (used.length > 0) {
    throw new SlipwayError('in_use', `Environment type ${name} is used by ${used.map((u) => u.name).join(', ')}`, {
      hint: 'Delete those environments or give them another type first.',
    });
  }
  const result = await db.deleteFrom('environment_types').where('name', '=', name).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(`Environment type ${name}`);
}

function specOf(type: EnvironmentType): Omit<EnvironmentType, 'name'> {
  const { name: _name, ...spec } = type;
  return spec;
}

function toType(row: Selectable<EnvironmentTypesTable>): EnvironmentType {
  return { ...(row.spec as Omit<EnvironmentType, 'name'>), name: row.name };
}

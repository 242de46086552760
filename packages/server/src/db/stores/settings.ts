import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

/**
 * The value of an installation setting, created with `make()` the first time it is asked
 * for. Concurrent first calls (replicas starting together) agree on one value: the insert
 * of the loser does nothing and everyone reads the winner's.
 */
export async function settingOrCreate(db: Kysely<Schema>, key: string, make: () => string): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key, value: make() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}

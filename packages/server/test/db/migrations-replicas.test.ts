import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { latestMigration, migrations } from '../../src/db/migrations/index.ts';
import { type ProvisionedDatabase, provisionTestDatabase } from '../harness/databases.ts';

/**
 * Replicas rolled out together start at the same moment on one database. Each opens its own
 * pool and migrates; Kysely's migrator takes an advisory lock around the pending migrations,
 * so one replica applies them and the others find them applied. Without the lock, the second
 * replica's `create table` fails on the first's (a duplicate in pg_type) and that replica
 * does not start.
 */
describe('replicas starting at the same moment on an empty database [postgres]', () => {
  let provisioned: ProvisionedDatabase;
  const opened: Database[] = [];

  before(async () => {
    provisioned = await provisionTestDatabase('postgres');
  });
  after(async () => {
    await Promise.all(opened.map((d) => d.close()));
    await provisioned.dispose();
  });

  it('all three start; every migration is applied once', async () => {
    const starts = await Promise.allSettled([1, 2, 3].map(() => openDatabase(provisioned.config)));
    for (const start of starts) if (start.status === 'fulfilled') opened.push(start.value);
    const failures = starts.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    assert.deepEqual(failures, [], 'a replica failed to start');

    for (const database of opened) assert.equal((await database.ping()).migration, latestMigration);
    const { rows } = await sql<{ name: string; n: number }>`
      select name, count(*)::int as n from kysely_migration group by name order by name`.execute(
      opened[0]?.db as Database['db'],
    );
    assert.deepEqual(
      rows,
      Object.keys(migrations)
        .sort()
        .map((name) => ({ name, n: 1 })),
    );
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SlipwayError } from '@slipway/core';
import { type Kysely, sql } from 'kysely';
import {
  latestMigration,
  migrateToLatest,
  migrations,
  staticMigrationProvider,
} from '../../src/db/migrations/index.ts';
import { ensureUser, getUserByUsername } from '../../src/db/stores/users.ts';
import { describeEachDatabase } from '../harness/databases.ts';

async function tableNames(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables where table_schema = current_schema() order by 1
  `.execute(db);
  return rows.map((r) => r.name);
}

async function appliedMigrations(db: Kysely<unknown>): Promise<Array<{ name: string; timestamp: string }>> {
  const { rows } = await sql<{ name: string; timestamp: string }>`
    select name, timestamp from kysely_migration order by name
  `.execute(db);
  return rows;
}

describeEachDatabase(
  'migrations',
  (getDb, { reopen }) => {
    const raw = () => getDb().db as unknown as Kysely<unknown>;

    test('create every table of the schema on first open', async () => {
      const tables = await tableNames(raw());
      for (const t of [
        'users',
        'api_tokens',
        'server_instances',
        'environments',
        'services',
        'releases',
        'clusters',
        'environment_types',
        'release_approvals',
        'deploy_freezes',
        'cel_policies',
        'preview_sources',
        'webhook_deliveries',
        'audit_events',
        'scorecards',
        'scorecard_results',
        'kysely_migration',
      ]) {
        assert.ok(tables.includes(t), `table ${t} is missing; found ${tables.join(', ')}`);
      }
      assert.deepEqual(
        (await appliedMigrations(raw())).map((m) => m.name),
        Object.keys(migrations),
      );
    });

    test('ping reports the server version and the newest applied migration', async () => {
      assert.equal(latestMigration, '0036_catalog_relations_lean');
      const ping = await getDb().ping();
      assert.equal(ping.migration, latestMigration);
      assert.match(ping.serverVersion, /^\d+(\.\d+)?/);
      assert.equal(typeof ping.latencyMs, 'number');
      assert.ok(ping.latencyMs >= 0 && ping.latencyMs < 10_000, `latency ${ping.latencyMs}`);
    });

    test('data survives close and reopen, and migrations do not run twice', async () => {
      const before = await appliedMigrations(raw());
      const user = await ensureUser(getDb().db, 'survivor', 'Survives a restart');
      await reopen();
      assert.deepEqual(await getUserByUsername(getDb().db, 'survivor'), user);
      assert.deepEqual(await appliedMigrations(raw()), before);
      assert.equal((await getDb().ping()).migration, latestMigration);
    });

    test('running migrations on an up-to-date database changes nothing', async () => {
      const before = await appliedMigrations(raw());
      await migrateToLatest(raw());
      assert.deepEqual(await appliedMigrations(raw()), before);
    });

    test('a failing migration is named in an unavailable error and leaves no trace', async () => {
      const broken = staticMigrationProvider({
        ...migrations,
        '0099_broken': {
          up: async (db) => {
            await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
            await sql`select no_such_column from users`.execute(db);
          },
        },
      });
      await assert.rejects(migrateToLatest(raw(), broken), (error: unknown) => {
        assert.ok(error instanceof SlipwayError);
        assert.equal(error.code, 'unavailable');
        assert.match(error.message, /^Database migration 0099_broken failed: .*no_such_column/);
        return true;
      });
      assert.ok(!(await tableNames(raw())).includes('half_done'), 'the failed migration was not rolled back');
      assert.equal((await getDb().ping()).migration, latestMigration);
    });

    test('a database migrated by a newer Slipway is refused, not downgraded', async () => {
      await sql`insert into kysely_migration (name, timestamp) values ('9999_future', '2099-01-01T00:00:00.000Z')`.execute(
        raw(),
      );
      try {
        await assert.rejects(migrateToLatest(raw()), (error: unknown) => {
          assert.ok(error instanceof SlipwayError);
          assert.equal(error.code, 'unavailable');
          assert.match(error.message, /9999_future/);
          assert.match(error.hint ?? '', /downgrades are not supported/);
          return true;
        });
      } finally {
        await sql`delete from kysely_migration where name = '9999_future'`.execute(raw());
      }
    });
  },
  // From an empty database: what a first start does.
  { fresh: true },
);

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, sql } from 'kysely';
import { PgliteDialect } from '../../src/db/pglite-dialect.ts';
import { isUniqueViolation } from '../../src/db/sql-errors.ts';
import { postgresAdminUrl, withAdminClient } from '../harness/databases.ts';

interface Tables {
  items: { id: number; name: string };
}

describe('Kysely on PGlite, one exchange per statement', () => {
  let client: PGlite;
  let db: Kysely<Tables>;
  let exchanges = 0;
  before(async () => {
    client = await PGlite.create();
    const raw = client.execProtocolRaw.bind(client);
    client.execProtocolRaw = (message, options) => {
      exchanges += 1;
      return raw(message, options);
    };
    db = new Kysely<Tables>({ dialect: new PgliteDialect(client) });
    await sql`create table items (id int primary key, name text not null)`.execute(db);
  });
  after(() => db.destroy());

  it('crosses into the backend once per statement (PGlite’s own query() does six times)', async () => {
    const before = exchanges;
    await sql`select ${1}::int as n, ${'a'}::text as s`.execute(db);
    await db.selectFrom('items').selectAll().where('id', '=', 1).execute();
    assert.equal(exchanges - before, 2);
  });

  it('hands PostgreSQL the same parameter text as node-postgres does on a real server', async () => {
    const values: unknown[] = [
      'plain',
      "quote ' and \\ backslash",
      42,
      -1.5,
      12345678901234567890n,
      true,
      false,
      new Date('2026-03-01T10:20:30.456Z'),
      ['a', 'b "c"', null, 'd,e'],
      [
        [1, 2],
        [3, 4],
      ],
      [],
      { nested: { list: [1, 'two'], empty: null } },
      // Bytes go as binary: read back as bytea's text.
      Buffer.from([0, 1, 254, 255]),
      null,
      undefined,
    ];
    const statement = (v: unknown) => (Buffer.isBuffer(v) ? 'select $1::bytea::text as t' : 'select $1::text as t');
    const onPostgres = await withAdminClient(postgresAdminUrl(), async (pg) => {
      const out: Array<string | null> = [];
      for (const v of values) out.push((await pg.query<{ t: string | null }>(statement(v), [v])).rows[0]?.t ?? null);
      return out;
    });
    const onPglite: Array<string | null> = [];
    for (const v of values)
      onPglite.push(
        (await db.executeQuery<{ t: string | null }>(CompiledQuery.raw(statement(v), [v]))).rows[0]?.t ?? null,
      );
    assert.deepEqual(onPglite, onPostgres);
  });

  it('answers the rows PGlite’s own query() gives, every type through PGlite’s parsers', async () => {
    const statement = `select 1::int2 as small, 2::int4 as int, 3::int8 as big, 1.5::float8 as float, 2.50::numeric as num,
      true as yes, 'x'::text as text, '2026-03-01T10:20:30Z'::timestamptz as at, '2026-03-01'::date as day,
      '{"a":[1,2]}'::jsonb as doc, '{"b":1}'::json as json, array['p','q'] as tags, array[1,2]::int[] as ints,
      '00000000-0000-0000-0000-000000000001'::uuid as id, null::text as nothing, '\\x00ff'::bytea as bytes`;
    const theirs = await client.query(statement);
    const ours = await sql.raw(statement).execute(db);
    assert.deepEqual(ours.rows, theirs.rows);
  });

  it('counts the rows a write touched, zero included, as Kysely’s PostgreSQL driver does', async () => {
    const inserted = await db
      .insertInto('items')
      .values([
        { id: 10, name: 'ten' },
        { id: 11, name: 'eleven' },
      ])
      .executeTakeFirst();
    assert.equal(inserted.numInsertedOrUpdatedRows, 2n);
    const updated = await db.updateTable('items').set({ name: 'none' }).where('id', '=', 99).executeTakeFirst();
    assert.equal(updated.numUpdatedRows, 0n);
    const deleted = await db.deleteFrom('items').where('id', 'in', [10, 11]).executeTakeFirst();
    assert.equal(deleted.numDeletedRows, 2n);
  });

  it('refuses a bad statement with PostgreSQL’s code and constraint, and answers the next one', async () => {
    await db.insertInto('items').values({ id: 1, name: 'one' }).execute();
    await assert.rejects(db.insertInto('items').values({ id: 1, name: 'again' }).execute(), (error: unknown) =>
      isUniqueViolation(error, 'items_pkey'),
    );
    const rows = await db.selectFrom('items').select('name').where('id', '=', 1).execute();
    assert.deepEqual(rows, [{ name: 'one' }]);
  });

  it('rolls back a transaction whose statement failed, and the connection is usable after', async () => {
    await assert.rejects(
      db.transaction().execute(async (tx) => {
        await tx.insertInto('items').values({ id: 2, name: 'two' }).execute();
        await sql`select 1 / 0`.execute(tx);
      }),
      (error: unknown) => (error as { code?: string }).code === '22012',
    );
    // Left in the aborted transaction, this select would fail (25P02) instead of answering.
    assert.deepEqual(await db.selectFrom('items').select('id').where('id', '=', 2).execute(), []);
    assert.equal(client.isInTransaction(), false);
  });

  it('refuses two statements in one, as PostgreSQL does for a parameterised query', async () => {
    await assert.rejects(
      sql`select 1; select 2`.execute(db),
      (error: unknown) => (error as { code?: string }).code === '42601',
    );
  });

  // Last: it closes the suite's PGlite.
  it('refuses a statement once PGlite is closed instead of aborting its WebAssembly', async () => {
    await client.close();
    await assert.rejects(sql`select 1`.execute(db), /PGlite is closed/);
  });
});

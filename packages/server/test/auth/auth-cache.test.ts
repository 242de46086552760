/**
 * Replicas remember tokens and roles between requests (auth/auth-cache.ts), yet a change is
 * seen at once where it is made and within moments on every other replica: revoking a token,
 * disabling a user, granting or removing a role.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { describeEachDatabase, openTestPglite } from '../harness/databases.ts';
import { authApp, testConfig } from './harness.ts';

describeEachDatabase('the auth cache', (getDb, context) => {
  let app: FastifyInstance;
  let admin: { authorization: string };
  let bearer: { authorization: string };
  let tokenId: string;
  /** A second replica on the same database (PostgreSQL only: PGlite is one process). */
  let replica: { app: FastifyInstance; database: Database } | undefined;

  before(async () => {
    ({ app, admin } = await authApp(getDb()));
    const user = await ensureUser(getDb().db, 'carol');
    const made = await createToken(getDb().db, { userId: user.id, name: 'carol', scopes: ['read', 'write'] });
    bearer = { authorization: `Bearer ${made.secret}` };
    tokenId = made.token.id;
    if (context.engine === 'postgres') {
      const database = await openDatabase(context.provisioned().config);
      replica = { app: (await authApp(database)).app, database };
    }
  });
  after(async () => {
    await app.close();
    await replica?.app.close();
    await replica?.database.close();
  });

  const whoami = (on: FastifyInstance, headers: Record<string, string>) =>
    on.inject({ method: 'GET', url: '/api/v1/whoami', headers });
  const roles = async (on: FastifyInstance) =>
    (await whoami(on, bearer)).json().access.roles.map((r: { role: string }) => r.role);

  /** Asks until `check` holds: another replica hears of a change over LISTEN/NOTIFY, not at once. */
  async function eventually(what: string, check: () => Promise<boolean>) {
    const deadline = performance.now() + 10_000;
    while (!(await check())) {
      if (performance.now() > deadline) assert.fail(`${what} within 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('serves repeated requests without reading the token again, until a role changes', async () => {
    assert.deepEqual(await roles(app), []);
    if (replica) assert.deepEqual(await roles(replica.app), []);
    const granted = await app.inject({
      method: 'POST',
      url: '/api/v1/role-bindings',
      headers: admin,
      payload: { subject: { kind: 'user', name: 'carol' }, role: 'viewer', scope: { kind: 'global' } },
    });
    assert.equal(granted.statusCode, 201, granted.body);
    assert.deepEqual(await roles(app), ['viewer'], 'the replica that granted it sees it at once');
    const other = replica?.app;
    if (other) await eventually('the other replica sees the role', async () => (await roles(other)).includes('viewer'));
  });

  it('refuses a revoked token at once here and within moments on the other replica', async () => {
    assert.equal((await whoami(app, bearer)).statusCode, 200);
    if (replica) assert.equal((await whoami(replica.app, bearer)).statusCode, 200);
    const revoked = await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${tokenId}`, headers: bearer });
    assert.ok(revoked.statusCode < 300, revoked.body);
    assert.equal((await whoami(app, bearer)).statusCode, 401);
    const other = replica?.app;
    if (other)
      await eventually('the other replica refuses it', async () => (await whoami(other, bearer)).statusCode === 401);
  });

  // PGlite is one process: every write to it goes through Slipway's own queries, seen as sent.
  if (context.engine !== 'postgres') return;
  it('hears of changes made outside Slipway too (a trigger, not the writer, tells)', async () => {
    if (!replica) assert.fail('the replica did not start');
    const user = await ensureUser(getDb().db, 'dave');
    const made = await createToken(getDb().db, { userId: user.id, name: 'dave', scopes: ['read'] });
    const dave = { authorization: `Bearer ${made.secret}` };
    assert.equal((await whoami(replica.app, dave)).statusCode, 200);
    await sql`update users set disabled_at = now() where username = 'dave'`.execute(getDb().db);
    const other = replica.app;
    await eventually('a user disabled by hand is refused', async () => (await whoami(other, dave)).statusCode === 401);
  });
});

it('is off with authCacheSeconds 0: every request reads the token', async () => {
  const database = await openTestPglite();
  const { app } = await authApp(
    database,
    testConfig((c) => {
      c.server.authCacheSeconds = 0;
    }),
  );
  try {
    const user = await ensureUser(database.db, 'erin');
    const made = await createToken(database.db, { userId: user.id, name: 'erin', scopes: ['read'] });
    const headers = { authorization: `Bearer ${made.secret}` };
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/whoami', headers })).statusCode, 200);
    // Raw SQL is not seen by the in-process watch: only reading every time refuses it at once.
    await sql`update api_tokens set revoked_at = now() where id = ${made.token.id}`.execute(database.db);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/whoami', headers })).statusCode, 401);
  } finally {
    await app.close();
    await database.close();
  }
});

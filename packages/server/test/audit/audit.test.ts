import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config/load.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { describeEachDatabase } from '../harness/databases.ts';

/** `open`: the operation needs no credentials (signing in): its caller is known only once it succeeds. */
type Operation = { method: string; path: string; operationId: string; open: boolean };

/** Every operation of the API document that may change something. */
function mutatingOperations(document: {
  paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>>;
}) {
  const found: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
      found.push({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId ?? '',
        open: Array.isArray(operation.security) && operation.security.length === 0,
      });
    }
  }
  return found;
}

/** A concrete URL for a templated path: ids where the path wants an id, plain names elsewhere. */
const urlOf = (path: string) =>
  path.replaceAll(/\{(\w+)\}/g, (_m, name: string) => (name === 'id' ? randomUUID() : 'audit-probe'));

describeEachDatabase('the audit log', (getDb) => {
  let app: FastifyInstance;
  let token: string;
  let operations: Operation[];

  before(async () => {
    app = await buildApp({ config: loadConfig({ env: {} }), database: getDb(), kube: null });
    const user = await ensureUser(getDb().db, 'auditor');
    await ensureGlobalRole(getDb().db, 'auditor', 'admin', 'test');
    token = (await createToken(getDb().db, { userId: user.id, name: 'audit', scopes: ['read', 'write'] })).secret;
    await app.ready();
    operations = mutatingOperations(app.swagger() as never);
  });
  after(() => app.close());

  const entriesOf = async (action: string) =>
    (await app.inject({ url: `/api/v1/audit?action=${action}`, headers: { authorization: `Bearer ${token}` } })).json()
      .items as Array<Record<string, unknown>>;

  test('every mutating operation of the API document is recorded, whatever its outcome, by whom and how', async () => {
    assert.ok(operations.length >= 20, `only ${operations.length} mutating operations found`);
    for (const op of operations) {
      const signedIn = await app.inject({
        method: op.method as 'POST',
        url: urlOf(op.path),
        headers: { authorization: `Bearer ${token}`, 'user-agent': 'slipway-cli/test' },
        payload: {},
      });
      const anonymous = await app.inject({ method: op.method as 'POST', url: urlOf(op.path), payload: {} });
      const entries = await entriesOf(op.operationId);
      assert.equal(entries.length, 2, `${op.operationId} (${op.method} ${op.path}) left ${entries.length} entries`);
      const [last, first] = entries as [Record<string, unknown>, Record<string, unknown>];
      const webhook = op.path.includes('/webhooks/');
      // A webhook is public and signed, not signed in: its actor is the sender, whatever the header.
      assert.equal(first.actor, webhook ? 'github' : op.open ? 'anonymous' : 'auditor', op.operationId);
      assert.equal(first.via, webhook ? 'webhook' : 'cli');
      assert.equal(first.status, signedIn.statusCode);
      assert.equal(first.result, signedIn.statusCode < 400 ? 'success' : 'failure');
      assert.equal(first.method, op.method);
      assert.equal(last.status, anonymous.statusCode);
      assert.equal(last.actor, webhook ? 'github' : 'anonymous', op.operationId);
    }
  });

  test('no body is ever recorded: credentials sent to the API stay out of the log', async () => {
    const secret = 'super-secret-token-value-0123456789';
    await app.inject({
      method: 'POST',
      url: '/api/v1/clusters',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'leaky', server: 'https://127.0.0.1:1', token: secret },
    });
    const exported = await app.inject({ url: '/api/v1/audit/export', headers: { authorization: `Bearer ${token}` } });
    assert.equal(exported.statusCode, 200);
    assert.match(String(exported.headers['content-type']), /^application\/x-ndjson/);
    assert.ok(!exported.body.includes(secret));
    assert.ok(!exported.body.includes(token), 'nor the bearer token');
  });

  test('appends that race still form one chain; the export is JSON lines in order', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.inject({
          method: 'DELETE',
          url: `/api/v1/freezes/race-${i}`,
          headers: { authorization: `Bearer ${token}` },
        }),
      ),
    );
    const verdict = (
      await app.inject({ url: '/api/v1/audit/verify', headers: { authorization: `Bearer ${token}` } })
    ).json();
    assert.equal(verdict.ok, true, JSON.stringify(verdict));
    const lines = (
      await app.inject({ url: '/api/v1/audit/export', headers: { authorization: `Bearer ${token}` } })
    ).body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, verdict.checked);
    assert.deepEqual(
      lines.map((l) => l.seq),
      lines.map((_l, i) => i + 1),
    );
    const targeted = (
      await app.inject({
        url: '/api/v1/audit?target=freezes&actor=auditor',
        headers: { authorization: `Bearer ${token}` },
      })
    ).json().items;
    assert.ok(targeted.length >= 20);
    assert.ok(targeted.every((e: { target: string }) => e.target === 'freezes' || e.target.startsWith('freezes/')));
  });

  test('an edited, a removed, or a cut-off entry is found', async () => {
    const db = getDb().db;
    const verify = async () =>
      (await app.inject({ url: '/api/v1/audit/verify', headers: { authorization: `Bearer ${token}` } })).json();
    const before = await verify();
    assert.equal(before.ok, true);

    await sql`update audit_events set actor = 'mallory' where seq = 3`.execute(db);
    assert.deepEqual((await verify()).broken, { seq: 3, reason: 'its content does not match its hash' });
    await sql`update audit_events set actor = 'auditor' where seq = 3`.execute(db);
    assert.equal((await verify()).ok, true, 'put back as it was, it fits again');

    const row = await db.selectFrom('audit_events').selectAll().where('seq', '=', 5).executeTakeFirstOrThrow();
    await sql`delete from audit_events where seq = 5`.execute(db);
    assert.deepEqual((await verify()).broken, { seq: 6, reason: 'entry 5 is missing (found 6 next)' });
    await db
      .insertInto('audit_events')
      .values({ ...row, detail: JSON.stringify(row.detail) })
      .execute();

    const last = await db
      .selectFrom('audit_events')
      .select('seq')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`delete from audit_events where seq = ${last.seq}`.execute(db);
    const cut = await verify();
    assert.equal(cut.ok, false);
    assert.match(cut.broken.reason, new RegExp(`ends at entry ${last.seq - 1}, but ${last.seq} were written`));
  });
});

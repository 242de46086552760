/**
 * The read-only views of the platform's guardrails: which provisioners serve which resource
 * types (the platform's own before the built-ins), and which policies, approvals and freezes
 * are in force per environment type.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseProvisioners } from '@slipway/core';
import type { FastifyInstance } from 'fastify';
import { assemblePlatform, type Platform } from '../../src/assemble.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { Database } from '../../src/db/database.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { openTestPglite } from '../harness/databases.ts';

const platformProvisioners = `
- id: acme/postgres-shared
  kind: static
  description: The shared PostgreSQL cluster of the platform team
  match: { type: postgres, class: shared }
  params:
    type: object
    required: [schema]
    properties:
      schema: { type: string, description: The schema to use }
      pool: { type: integer, default: 5 }
  outputs:
    host: pg.acme.internal
    port: 5432
    password: from-vault
  secretOutputs: [password]
`;

describe('GET /provisioners and /policies', () => {
  let database: Database;
  let platform: Platform;
  let app: FastifyInstance;
  let admin: string;
  let nobody: string;
  const get = (url: string, token = admin) =>
    app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` } });
  const send = (method: 'PUT' | 'POST', url: string, payload: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${admin}` }, payload });

  before(async () => {
    const config = loadConfig({ env: { SLIPWAY_DATA_DIR: 'memory://' } });
    database = await openTestPglite();
    platform = await assemblePlatform({
      config,
      db: database.db,
      kube: null,
      keyRing: null,
      provisioners: parseProvisioners(platformProvisioners, 'acme.provisioners.yaml'),
    });
    app = await buildApp({ config, database, kube: null, platform });
    const db = database.db;
    const alice = await ensureUser(db, 'alice');
    await ensureGlobalRole(db, 'alice', 'admin', 'test');
    admin = (await createToken(db, { userId: alice.id, name: 't', scopes: ['read', 'write'] })).secret;
    const carol = await ensureUser(db, 'carol');
    nobody = (await createToken(db, { userId: carol.id, name: 't', scopes: ['read'] })).secret;
  });
  after(async () => {
    await app.close();
    await platform.stop();
    await database.close();
  });

  it('lists the platform’s provisioners first, then the built-ins, with their parameters and outputs', async () => {
    const res = await get('/provisioners');
    assert.equal(res.statusCode, 200, res.body);
    const { items, types } = res.json();
    const first = items[0];
    assert.equal(first.id, 'acme/postgres-shared');
    assert.equal(first.source, 'configuration');
    assert.deepEqual(first.match, { type: 'postgres', class: 'shared' });
    assert.deepEqual(first.parameters, [
      { name: 'schema', type: 'string', required: true, description: 'The schema to use' },
      { name: 'pool', type: 'integer', required: false, default: 5 },
    ]);
    assert.deepEqual(first.outputs, ['host', 'port', 'password']);
    assert.deepEqual(first.secretOutputs, ['password']);
    assert.ok(items.slice(1).every((p: { source: string }) => p.source === 'builtin'));
    const route = items.find((p: { id: string }) => p.id === 'builtin/route');
    assert.deepEqual(
      route.parameters.map((p: { name: string; required: boolean }) => `${p.name}${p.required ? '*' : ''}`),
      ['host', 'path', 'port*'],
    );
    for (const type of ['postgres', 'redis', 'route', 'volume']) assert.ok(types.includes(type), type);
  });

  it('says which environment types may use a provisioner, following the type’s own list', async () => {
    const put = await send('PUT', '/environment-types/locked', {
      description: 'Only built-in provisioners',
      defaults: { replicas: 1, progressDeadlineSeconds: 120 },
      provisioners: [],
    });
    assert.equal(put.statusCode, 200, put.body);
    const { items } = (await get('/provisioners')).json();
    const own = items.find((p: { id: string }) => p.id === 'acme/postgres-shared');
    assert.ok(own.environmentTypes.includes('production'));
    assert.ok(!own.environmentTypes.includes('locked'), 'the type allows none of the platform’s own');
    const builtin = items.find((p: { id: string }) => p.id === 'builtin/postgres');
    assert.ok(builtin.environmentTypes.includes('locked'), 'built-ins are the fallback everywhere');
  });

  it('lists every policy, the environment types enforcing it, and the guardrails in force', async () => {
    const freeze = await send('POST', '/freezes', {
      name: 'year-end',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      mode: 'block',
      reason: 'Year-end close',
      environmentTypes: ['production'],
    });
    assert.equal(freeze.statusCode, 201, freeze.body);
    // It holds already, so declaring it announced it (test/notifications/freeze-started.test.ts).
    const announced = await database.db
      .selectFrom('notification_events')
      .select('payload')
      .where('kind', '=', 'freeze.started')
      .execute();
    assert.equal(announced.length, 1);
    assert.match(JSON.stringify(announced[0]?.payload), /year-end/);
    const cel = await send('PUT', '/policies/cel/owned', {
      expression: 'facts.owner != null',
      severity: 'warn',
      remedy: 'set an owner: slipway service set-owner',
      match: { environmentTypes: ['production'] },
    });
    assert.equal(cel.statusCode, 201, cel.body);
    const res = await get('/policies');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    const latest = body.items.find((p: { name: string }) => p.name === 'no-latest-tag');
    assert.match(latest.description, /names a version/);
    assert.match(latest.remedy, /pin every image/);
    assert.deepEqual(latest.environmentTypes.sort(), ['production', 'staging']);
    const production = body.environmentTypes.find((t: { name: string }) => t.name === 'production');
    assert.equal(production.requiresApproval, true);
    assert.deepEqual(production.access, { deploy: 'maintainer', approve: 'maintainer' });
    const development = body.environmentTypes.find((t: { name: string }) => t.name === 'development');
    assert.deepEqual(development.access, { deploy: 'developer', approve: 'maintainer' }, 'defaults filled in');
    assert.deepEqual(
      body.freezes.map((f: { name: string; active: boolean; mode: string }) => [f.name, f.active, f.mode]),
      [['year-end', true, 'block']],
    );
    assert.deepEqual(
      body.celPolicies.map((p: { name: string; severity: string; match: unknown; createdBy: string }) => [
        p.name,
        p.severity,
        p.match,
        p.createdBy,
      ]),
      [['owned', 'warn', { environmentTypes: ['production'], teams: [], services: [] }, 'alice']],
    );
  });

  it('is refused to a user without any role, in words', async () => {
    for (const url of ['/provisioners', '/policies']) {
      const res = await get(url, nobody);
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'forbidden');
    }
  });
});

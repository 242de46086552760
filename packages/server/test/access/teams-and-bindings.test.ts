/**
 * Teams, role bindings and service owners through the API, on both databases: the admin's
 * screens work, bad input names its field, and the guards hold (the last admin, a team that
 * still owns something, a member who does not exist).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/load.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole, listRoleBindings } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { describeEachDatabase } from '../harness/databases.ts';

describeEachDatabase('teams and role bindings', (getDb) => {
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};

  before(async () => {
    app = await buildApp({
      config: loadConfig({ env: { SLIPWAY_DATA_DIR: 'memory://' } }),
      database: getDb(),
      kube: null,
    });
    const db = getDb().db;
    for (const name of ['root', 'mia', 'sam']) {
      const user = await ensureUser(db, name);
      tokens[name] = (await createToken(db, { userId: user.id, name: 't', scopes: ['read', 'write'] })).secret;
    }
    await ensureGlobalRole(db, 'root', 'admin', 'test');
  });
  after(() => app.close());

  const api = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object, as = 'root') =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${tokens[as]}` },
      ...(payload ? { payload } : {}),
    });

  it('an admin makes teams, members and bindings; the team shows them', async () => {
    assert.equal((await api('POST', '/teams', { name: 'web', displayName: 'Web' })).statusCode, 201);
    assert.equal((await api('POST', '/teams', { name: 'web' })).json().error.code, 'already_exists');
    const add = await api('PUT', '/teams/web/members/mia');
    assert.deepEqual(
      add.json().members.map((m: { username: string }) => m.username),
      ['mia'],
    );
    const grant = await api('POST', '/role-bindings', {
      role: 'maintainer',
      subject: { kind: 'user', name: 'mia' },
      scope: { kind: 'team', team: 'web' },
    });
    assert.equal(grant.statusCode, 201, grant.body);
    const again = await api('POST', '/role-bindings', {
      role: 'maintainer',
      subject: { kind: 'user', name: 'mia' },
      scope: { kind: 'team', team: 'web' },
    });
    assert.equal(again.statusCode, 409, 'the same binding twice');
    assert.equal(again.json().error.code, 'already_exists');
    const team = (await api('GET', '/teams/web')).json();
    assert.equal(team.team.displayName, 'Web');
    assert.equal(team.bindings.length, 1);
    const me = (await api('GET', '/whoami', undefined, 'mia')).json();
    assert.deepEqual(me.access.teams, ['web']);
    assert.equal(me.access.admin, false);
    assert.deepEqual(me.access.roles[0].scope, { kind: 'team', team: 'web' });
  });

  it('bad bindings are refused with the path of the field', async () => {
    const noTeam = await api('POST', '/role-bindings', {
      role: 'viewer',
      subject: { kind: 'user', name: 'sam' },
      scope: { kind: 'team' },
    });
    assert.equal(noTeam.statusCode, 400);
    assert.equal(noTeam.json().error.fields[0].path, '/scope/team');
    const scopedAdmin = await api('POST', '/role-bindings', {
      role: 'admin',
      subject: { kind: 'user', name: 'sam' },
      scope: { kind: 'service', service: 'x' },
    });
    assert.equal(scopedAdmin.statusCode, 400);
    assert.equal(scopedAdmin.json().error.fields[0].path, '/role');
    const badRole = await api('POST', '/role-bindings', {
      role: 'owner',
      subject: { kind: 'user', name: 'sam' },
      scope: { kind: 'global' },
    });
    assert.equal(badRole.statusCode, 400);
  });

  it('a team maintainer manages members of the team, not of others, and makes no bindings', async () => {
    await api('POST', '/teams', { name: 'ops' });
    assert.equal((await api('PUT', '/teams/web/members/sam', undefined, 'mia')).statusCode, 200);
    assert.equal((await api('PUT', '/teams/ops/members/sam', undefined, 'mia')).statusCode, 403);
    assert.equal((await api('PUT', '/teams/web/members/nobody', undefined, 'mia')).statusCode, 404);
    const bind = await api(
      'POST',
      '/role-bindings',
      { role: 'viewer', subject: { kind: 'user', name: 'sam' }, scope: { kind: 'team', team: 'web' } },
      'mia',
    );
    assert.equal(bind.statusCode, 403);
    assert.equal((await api('DELETE', '/teams/web/members/sam', undefined, 'mia')).statusCode, 204);
    assert.equal((await api('DELETE', '/teams/web/members/sam', undefined, 'mia')).statusCode, 404);
  });

  it('services get owners; a team that owns one cannot be deleted; a maintainer hands it over', async () => {
    const made = await api('POST', '/services', { name: 'storefront' }, 'mia');
    assert.equal(made.statusCode, 201, made.body);
    assert.equal(made.json().service.owner, 'web', 'her only team');
    assert.equal((await api('POST', '/services', { name: 'x', owner: 'nope' })).json().error.fields[0].path, '/owner');
    const owning = await api('DELETE', '/teams/web');
    assert.equal(owning.statusCode, 409);
    assert.equal(owning.json().error.code, 'in_use');
    const handOver = await api('PATCH', '/services/storefront', { owner: 'ops' }, 'mia');
    assert.equal(handOver.statusCode, 403, 'mia has no say in ops');
    await api('PUT', '/teams/ops/members/mia');
    await api('POST', '/role-bindings', {
      role: 'maintainer',
      subject: { kind: 'team', name: 'ops' },
      scope: { kind: 'team', team: 'ops' },
    });
    assert.equal((await api('PATCH', '/services/storefront', { owner: 'ops' }, 'mia')).json().service.owner, 'ops');
    assert.equal((await api('GET', '/services/storefront', undefined, 'sam')).statusCode, 403);
    const toPlatform = await api('PATCH', '/services/storefront', { owner: null }, 'mia');
    assert.equal(toPlatform.statusCode, 403, 'only admins hand a service to the platform');
  });

  it('the last admin binding of a user cannot be removed', async () => {
    const [root] = await listRoleBindings(getDb().db, { subject: { kind: 'user', name: 'root' } });
    const refused = await api('DELETE', `/role-bindings/${root?.id}`);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().error.code, 'last_admin');
    assert.match(refused.json().error.hint, /someone else an admin/);
    await ensureGlobalRole(getDb().db, 'sam', 'admin', 'test');
    assert.equal((await api('DELETE', `/role-bindings/${root?.id}`)).statusCode, 204);
  });
});

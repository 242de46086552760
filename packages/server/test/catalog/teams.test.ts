import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { assemblePlatform, type Platform } from '../../src/assemble.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createAccount } from '../../src/db/stores/accounts.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { teamNameForGroup } from '../../src/db/stores/catalog-teams.ts';
import { createRoleBinding, ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { createService } from '../../src/db/stores/services.ts';
import { addMember, createTeam } from '../../src/db/stores/teams.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { entityYaml as e, type FixtureRepo, fixtureRepos } from '../harness/git-repos.ts';

const docs = (...items: string[]) => items.join('\n---\n');

function groups(members: { payments: string[]; platform: string[] }, withOps = true, withWeb = true) {
  return docs(
    e('Group', 'payments', { type: 'team', profile: { displayName: 'Payments' }, members: members.payments }),
    e('Group', 'platform', { type: 'team', members: members.platform }),
    ...(withOps ? [e('Group', 'ops', { type: 'team', members: ['ana'] }, { namespace: 'infra' })] : []),
    ...(withWeb ? [e('Group', 'web', { type: 'team', members: ['ana'] })] : []),
    // Not a DNS label: skipped.
    e('Group', 'data_eng', { type: 'team', members: ['ana'] }),
  );
}

const people = docs(
  e('User', 'ana', { memberOf: [] }),
  // Matched by e-mail: the Slipway user is bob.
  e('User', 'robert', { profile: { email: 'Bob@Example.com' }, memberOf: ['payments'] }),
  e('User', 'dan', { memberOf: ['group:default/payments'] }),
  e('User', 'carl', { memberOf: ['payments'] }),
);

describeEachDatabase('teams from catalog Groups', (getDb) => {
  let repos: Awaited<ReturnType<typeof fixtureRepos>>;
  let cacheDir: string;
  let platform: Platform;
  let app: FastifyInstance;
  let auth: { authorization: string };
  let org: FixtureRepo;
  let locationId: string;

  before(async () => {
    repos = await fixtureRepos();
    cacheDir = await mkdtemp(join(tmpdir(), 'slipway-catalog-cache-'));
    org = await repos.create('org', {
      'catalog-info.yaml': e('Location', 'org', { targets: ['./groups.yaml', './people.yaml'] }),
      'groups.yaml': groups({ payments: ['ana', 'eve'], platform: ['ana'] }),
      'people.yaml': people,
    });
    const base = loadConfig({ env: {} });
    const config = {
      ...base,
      catalog: { ...base.catalog, allowFileUrls: true, fileRoots: [tmpdir()], refreshIntervalSeconds: 0 },
    };
    platform = await assemblePlatform({ config, db: getDb().db, kube: null, keyRing: null, catalogCacheDir: cacheDir });
    app = await buildApp({ config, database: getDb(), kube: null, platform });
    const admin = await ensureUser(db(), 'admin');
    await ensureGlobalRole(db(), 'admin', 'admin', 'test');
    auth = await bearerOf(admin.id);
    await ensureUser(db(), 'ana');
    await createAccount(db(), { username: 'bob', email: 'bob@example.com' });
    await ensureUser(db(), 'eve');
    // An admin's team of the same name as a Group: it keeps its source and display name.
    await createTeam(db(), { name: 'platform', displayName: 'Platform (by hand)' });
    await createTeam(db(), { name: 'payments-local-probe' });
  });
  after(async () => {
    await platform.stop();
    await app.close();
    await repos.dispose();
    await rm(cacheDir, { recursive: true, force: true });
  });

  const db = () => getDb().db;
  const api = (method: 'GET' | 'POST', url: string, payload?: object, headers = auth) =>
    app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  const bearerOf = async (userId: string) => {
    const { secret } = await createToken(db(), { userId, name: 't', scopes: ['read', 'write'] });
    return { authorization: `Bearer ${secret}` };
  };
  const team = (name: string) => db().selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirst();
  const members = async (name: string) =>
    (
      await db()
        .selectFrom('team_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.username', 'm.source'])
        .where('m.team', '=', name)
        .orderBy('u.username')
        .execute()
    ).map((m) => `${m.username} ${m.source}`);
  const refresh = async () => {
    const res = await api('POST', `/catalog/locations/${locationId}/refresh`);
    assert.equal(res.statusCode, 200, res.body);
  };

  it('names teams after Groups: default namespace as is, others prefixed, non-DNS names skipped', () => {
    assert.equal(teamNameForGroup('default', 'payments'), 'payments');
    assert.equal(teamNameForGroup('infra', 'ops'), 'infra-ops');
    assert.equal(teamNameForGroup('default', 'data_eng'), null);
    assert.equal(teamNameForGroup('default', 'a.b'), null);
    assert.equal(teamNameForGroup('infra', 'x'.repeat(60)), null);
  });

  it('makes teams from Groups with members for the users Slipway has', async () => {
    await addMember(db(), 'payments-local-probe', (await ensureUser(db(), 'eve')).id);
    const res = await api('POST', '/catalog/locations', { type: 'git', target: org.url });
    assert.equal(res.statusCode, 201, res.body);
    locationId = res.json().location.id;

    const payments = await team('payments');
    assert.equal(payments?.source, 'catalog');
    assert.equal(payments?.display_name, 'Payments');
    // ana and eve from spec.members, bob through robert's e-mail; dan and carl are not users yet.
    assert.deepEqual(await members('payments'), ['ana catalog', 'bob catalog', 'eve catalog']);
    assert.equal((await team('infra-ops'))?.source, 'catalog');
    assert.deepEqual(await members('infra-ops'), ['ana catalog']);
    assert.equal(await team('data_eng'), undefined);
    assert.equal(await team('data-eng'), undefined);

    const local = await team('platform');
    assert.equal(local?.source, 'local');
    assert.equal(local?.display_name, 'Platform (by hand)');
    assert.deepEqual(await members('platform'), ['ana catalog']);
  });

  it('gives a user created later their memberships: at once through the API, else on the next refresh', async () => {
    const created = await api('POST', '/users', { username: 'dan' });
    assert.equal(created.statusCode, 201, created.body);
    assert.ok((await members('payments')).includes('dan catalog'));

    await createAccount(db(), { username: 'carl' });
    assert.ok(!(await members('payments')).includes('carl catalog'));
    await refresh();
    assert.ok((await members('payments')).includes('carl catalog'));
  });

  it('applies roles bound to the team to its catalog members', async () => {
    await createRoleBinding(
      db(),
      {
        role: 'developer',
        subject: { kind: 'team', name: 'payments' },
        scope: { kind: 'team', team: 'payments' },
        environmentTypes: [],
      },
      'test',
    );
    const ana = await db().selectFrom('users').select('id').where('username', '=', 'ana').executeTakeFirstOrThrow();
    const me = await api('GET', '/whoami', undefined, await bearerOf(ana.id));
    assert.equal(me.statusCode, 200, me.body);
    assert.ok(me.json().access.teams.includes('payments'), me.body);
    assert.match(JSON.stringify(me.json().access), /developer/);
  });

  it('removes catalog memberships no longer in the Group, and keeps local ones', async () => {
    const eve = await db().selectFrom('users').select('id').where('username', '=', 'eve').executeTakeFirstOrThrow();
    // eve's membership becomes one an admin made.
    await db()
      .updateTable('team_members')
      .set({ source: 'local' })
      .where('user_id', '=', eve.id)
      .where('team', '=', 'payments')
      .execute();
    await org.commit({ 'groups.yaml': groups({ payments: [], platform: ['ana'] }) });
    await refresh();
    assert.deepEqual(await members('payments'), ['bob catalog', 'carl catalog', 'dan catalog', 'eve local']);
  });

  it("removes a Group's team when it owns nothing, keeps it when it owns a service or is a local team", async () => {
    await createService(db(), 'shop', 'web');
    await org.commit({ 'groups.yaml': groups({ payments: [], platform: [] }, false, false) });
    await refresh();
    assert.equal(await team('infra-ops'), undefined, 'owns nothing, no members left: removed');
    const web = await team('web');
    assert.equal(web?.source, 'catalog', 'owns shop: stays');
    assert.deepEqual(await members('web'), []);
    assert.equal((await team('platform'))?.source, 'local');
    assert.deepEqual(await members('platform'), []);
    assert.deepEqual(await members('payments-local-probe'), ['eve local'], 'unrelated teams untouched');
  });

  it('is idempotent: a refresh with nothing new changes nothing', async () => {
    const before = await db().selectFrom('team_members').selectAll().orderBy('team').orderBy('user_id').execute();
    await refresh();
    assert.deepEqual(
      await db().selectFrom('team_members').selectAll().orderBy('team').orderBy('user_id').execute(),
      before,
    );
  });
});

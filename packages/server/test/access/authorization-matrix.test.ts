/**
 * The authorization matrix, generated from the OpenAPI document: every operation × every
 * caller (no role, viewer, developer, maintainer of team alpha, global admin) × own team's
 * object or another team's. The expected outcome of each cell is written here, by hand, from
 * the rules as the docs state them — not read from the implementation. An operation in the
 * document without an expectation here fails the test, so a new route cannot go unreviewed.
 *
 * Allowed: anything but 401/403 (and never a 5xx); the request reached its handler.
 * Denied: 403 `forbidden`, before the handler ran.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { hashPassword } from '../../src/auth/passwords.ts';
import { setPasswordHash } from '../../src/db/stores/accounts.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { createSession } from '../../src/db/stores/sessions.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { webScore } from '../environments/workload.ts';
import { useEnvironmentApp } from '../harness/environment-app.ts';

type Role = 'viewer' | 'developer' | 'maintainer' | 'admin';
type CallerName = 'none' | Role;
type Side = 'own' | 'other';
const callers: CallerName[] = ['none', 'viewer', 'developer', 'maintainer', 'admin'];
const rank: Record<CallerName, number> = { none: -1, viewer: 0, developer: 1, maintainer: 2, admin: 3 };

/**
 * What an operation asks:
 * - public: anyone, signed in or not;
 * - signed: anyone, but the body must carry a signature (webhooks): without one, 401 for all;
 * - self: any signed-in user, about themselves;
 * - own: any signed-in user, on their own object; someone else's is not found (404), even for admins;
 * - member: anyone holding a role;
 * - admin: global admins;
 * - { own, other }: the least role on team alpha for alpha's object, and for beta's.
 */
type Expectation = 'public' | 'signed' | 'self' | 'own' | 'member' | 'admin' | { own: Role; other: Role };
const team = (own: Role): Expectation => ({ own, other: 'admin' });

const expectations: Record<string, Expectation> = {
  // health, system
  getHealthz: 'public',
  getReadyz: 'public',
  getMetrics: 'public',
  getVersion: 'public',
  getWhoami: 'self',
  getDoctor: 'member',
  // signing in: the credential is the request itself
  getSignInMethods: 'public',
  createSession: 'public',
  createTokenWithPassword: 'public',
  startOidcSignIn: 'public',
  finishOidcSignIn: 'public',
  // the caller's own sessions and password
  getSession: 'self',
  deleteSession: 'self',
  listSessions: 'self',
  revokeSession: 'own',
  changeOwnPassword: 'self',
  // users: admins
  listUsers: 'admin',
  getUser: 'admin',
  createUser: 'admin',
  updateUser: 'admin',
  // tokens: always the caller's own
  listTokens: 'self',
  createToken: 'self',
  revokeToken: 'own',
  // platform settings: everyone with a role reads, admins change
  listClusters: 'member',
  registerCluster: 'admin',
  checkCluster: 'admin',
  deleteCluster: 'admin',
  setClusterPrometheus: 'admin',
  deleteClusterPrometheus: 'admin',
  listEnvironmentTypes: 'member',
  getEnvironmentType: 'member',
  putEnvironmentType: 'admin',
  deleteEnvironmentType: 'admin',
  listFreezes: 'member',
  createFreeze: 'admin',
  deleteFreeze: 'admin',
  // notifications: destinations and deliveries are the platform's; the inbox is the caller's
  listNotificationSubscriptions: 'admin',
  createNotificationSubscription: 'admin',
  deleteNotificationSubscription: 'admin',
  testNotificationSubscription: 'admin',
  listNotificationDeliveries: 'admin',
  redeliverNotification: 'admin',
  listInbox: 'self',
  getInboxUnreadCount: 'self',
  markInboxRead: 'self',
  // provisioners and policies: read-only, for everyone with a role; trying and reloading files: admins
  listProvisioners: 'member',
  checkProvisioners: 'member',
  testProvisioners: 'admin',
  reloadProvisioners: 'admin',
  listPolicies: 'member',
  // CEL policies: everyone with a role reads them; admins write them and dry-run them over every release
  listCelPolicies: 'member',
  putCelPolicy: 'admin',
  deleteCelPolicy: 'admin',
  dryRunCelPolicy: 'admin',
  listPreviewSources: 'member',
  putPreviewSource: 'admin',
  deletePreviewSource: 'admin',
  githubWebhook: 'signed',
  listAudit: 'admin',
  exportAudit: 'admin',
  verifyAudit: 'admin',
  // environments of a team: developers manage them, viewers read them
  createEnvironment: team('developer'),
  listEnvironments: 'member',
  getEnvironment: team('viewer'),
  putEnvironment: team('developer'),
  deleteEnvironment: team('developer'),
  cloneEnvironment: team('developer'),
  exportEnvironment: team('viewer'),
  pauseEnvironment: team('developer'),
  resumeEnvironment: team('developer'),
  // scorecards: anyone with a role reads them, results and grids included; admins write and evaluate
  listScorecards: 'member',
  getScorecard: 'member',
  putScorecard: 'admin',
  deleteScorecard: 'admin',
  evaluateScorecard: 'admin',
  getScorecardGrid: 'member',
  getServiceScorecards: 'member',
  getServiceScorecardHistory: 'member',
  // services and releases (environments of type development: developers deploy)
  createDeploy: team('developer'),
  promote: team('developer'),
  listReleases: 'member',
  // delivery analytics: figures over every service, like the release list
  getDora: 'member',
  getRelease: team('viewer'),
  diffRelease: team('viewer'),
  getDrift: team('viewer'),
  rollbackRelease: team('developer'),
  redeployRelease: team('developer'),
  // production: maintainers approve
  approveRelease: team('maintainer'),
  rejectRelease: team('maintainer'),
  getServiceStatus: team('viewer'),
  // a service's live page: whoever reads the service
  streamLiveStatus: team('viewer'),
  listServiceEvents: team('viewer'),
  getServiceLogs: team('viewer'),
  getServiceMetrics: team('viewer'),
  listServices: 'member',
  createService: team('developer'),
  getService: team('viewer'),
  // secret variables: viewers see names, developers set them for development environments
  listSecretVariables: team('viewer'),
  setSecretVariable: team('developer'),
  deleteSecretVariable: team('developer'),
  updateService: team('maintainer'),
  // a service's own verification checks: read with it, changed by its maintainers
  getServiceVerification: team('viewer'),
  setServiceVerification: team('maintainer'),
  // teams and bindings
  // who is in a team and its bindings: its members, roles over it and admins, by one rule on both routes;
  // everyone else with a role sees only the team's name, in the list
  listTeams: 'member',
  getTeam: team('viewer'),
  createTeam: 'admin',
  deleteTeam: 'admin',
  addTeamMember: team('maintainer'),
  removeTeamMember: team('maintainer'),
  listRoleBindings: team('viewer'),
  createRoleBinding: 'admin',
  deleteRoleBinding: 'admin',
  // the software catalog: readable by anyone holding a role, through Slipway's API and Backstage's
  listCatalogEntities: 'member',
  getCatalogEntity: 'member',
  listCatalogEntityDocs: 'member',
  getCatalogEntityDocsPage: 'member',
  searchCatalogDocs: 'member',
  backstageQueryEntities: 'member',
  backstageListEntities: 'member',
  backstageGetEntityByName: 'member',
  backstageGetLocationByEntity: 'member',
  backstageGetEntityAncestry: 'member',
  backstageGetEntitiesByRefs: 'member',
  backstageGetEntityFacets: 'member',
  // catalog locations: anyone with a role reads them, admins register, refresh and delete
  listCatalogLocations: 'member',
  getCatalogLocation: 'member',
  registerCatalogLocation: 'admin',
  refreshCatalogLocation: 'admin',
  deleteCatalogLocation: 'admin',
  catalogPushWebhook: 'signed',
  // templates: anyone with a role reads them; running one creates a service, so the owner team's developers
  listTemplates: 'member',
  getTemplate: 'member',
  runTemplate: team('developer'),
  // template runs: members list their own; one run is its creator's or an admin's (checked in the handler)
  listTemplateRuns: 'member',
  getTemplateRun: 'member',
  streamTemplateRunEvents: 'member',
};

interface Operation {
  operationId: string;
  method: string;
  path: string;
}

interface Fixtures {
  token: Record<CallerName, string>;
  tokenId: Record<CallerName, string>;
  pending: Record<Side, string[]>;
  release: Record<Side, string>;
  strangerTokenId: string;
}

const teamOf = (side: Side) => (side === 'own' ? 'alpha' : 'beta');
const password = 'correct horse battery staple';
let counter = 0;
const fresh = (what: string) => `${what}-${++counter}`;

describe('the authorization matrix, from the OpenAPI document', () => {
  const t = useEnvironmentApp();
  const f: Fixtures = {
    token: {} as Record<CallerName, string>,
    tokenId: {} as Record<CallerName, string>,
    pending: { own: [], other: [] },
    release: { own: '', other: '' },
    strangerTokenId: '',
  };
  let operations: Operation[] = [];

  const asAdmin = async (method: InjectOptions['method'], url: string, payload?: object) => {
    const res = await t.api(method as 'POST', url, payload);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  before(async () => {
    const db = t.db();
    for (const name of ['alpha', 'beta']) await asAdmin('POST', '/teams', { name });
    for (const caller of callers) {
      const username = `user-${caller}`;
      const user = await ensureUser(db, username);
      const created = await createToken(db, { userId: user.id, name: 'matrix', scopes: ['read', 'write'] });
      f.token[caller] = created.secret;
      await setPasswordHash(db, user.id, await hashPassword(password));
      f.tokenId[caller] = created.token.id;
      if (caller === 'admin') await ensureGlobalRole(db, username, 'admin', 'test');
      else if (caller !== 'none') {
        await asAdmin('PUT', `/teams/alpha/members/${username}`);
        await asAdmin('POST', '/role-bindings', {
          role: caller,
          subject: { kind: 'user', name: username },
          scope: { kind: 'team', team: 'alpha' },
        });
      }
    }
    const stranger = await ensureUser(db, 'stranger');
    f.strangerTokenId = (await createToken(db, { userId: stranger.id, name: 'theirs', scopes: ['read'] })).token.id;
    for (const side of ['own', 'other'] as const) {
      const owner = teamOf(side);
      for (const env of ['dev', 'stage', 'prod']) {
        await asAdmin('POST', '/environments', {
          name: `${env}-${owner}`,
          type: env === 'prod' ? 'production' : 'development',
          owner,
        });
      }
      await asAdmin('POST', '/services', { name: `svc-${owner}`, owner });
      const first = await asAdmin('POST', '/deploys', {
        environment: `dev-${owner}`,
        workload: webScore(`svc-${owner}`, 'nginx:1.27.1'),
      });
      assert.equal((await t.settle(first.release.id)).status, 'healthy');
      const second = await asAdmin('POST', '/deploys', {
        environment: `dev-${owner}`,
        workload: webScore(`svc-${owner}`, 'nginx:1.27.2'),
      });
      assert.equal((await t.settle(second.release.id)).status, 'healthy');
      f.release[side] = second.release.id;
      // Releases waiting for approval, asked by someone none of the callers is.
      for (let i = 0; i < 4; i++) {
        const res = await asAdmin('POST', '/deploys', {
          environment: `prod-${owner}`,
          workload: webScore(`svc-${owner}`, `nginx:1.27.${10 + i}`),
        });
        f.pending[side].push(res.release.id);
      }
    }
    const doc = (await t.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ operationId: op.operationId, method: method.toUpperCase(), path })),
    );
  });

  /** A request to the operation aimed at the own team's object or the other's; fresh objects where it destroys. */
  async function requestFor(op: Operation, side: Side, caller: CallerName): Promise<InjectOptions> {
    const owner = teamOf(side);
    const svc = `svc-${owner}`;
    const at = (path: string, payload?: object): InjectOptions => ({
      method: op.method as InjectOptions['method'],
      url: path,
      ...(payload ? { payload } : {}),
    });
    const api = (path: string, payload?: object) => at(`/api/v1${path.replace(/^\/api\/v1/, '')}`, payload);
    const freshEnvironment = async () => {
      const name = fresh(`tmp-${owner}`);
      await asAdmin('POST', '/environments', { name, type: 'development', owner });
      return name;
    };
    switch (op.operationId) {
      case 'getHealthz':
      case 'getReadyz':
      case 'getMetrics':
        return at(op.path);
      case 'revokeToken': {
        // Own: a token of the caller's; other: a stranger's, which nobody else may touch.
        if (side === 'other') return api(`/tokens/${f.strangerTokenId}`);
        const user = await ensureUser(t.db(), `user-${caller}`);
        const { token } = await createToken(t.db(), { userId: user.id, name: fresh('tok'), scopes: ['read'] });
        return api(`/tokens/${token.id}`);
      }
      case 'revokeSession': {
        const username = side === 'own' ? `user-${caller}` : 'stranger';
        const user = await ensureUser(t.db(), username);
        const expiresAt = new Date(Date.now() + 3_600_000);
        const { session } = await createSession(t.db(), { userId: user.id, method: 'password', expiresAt });
        return api(`/auth/sessions/${session.id}`);
      }
      case 'changeOwnPassword':
        return api('/auth/password', { currentPassword: password, newPassword: `${password}-changed` });
      case 'getUser':
      case 'updateUser':
        return api(`/users/user-none`, op.method === 'PATCH' ? { displayName: 'Nobody' } : undefined);
      case 'createUser':
        return api('/users', { username: fresh('person') });
      case 'listSecretVariables':
        return api(`/services/${svc}/secrets`);
      case 'setSecretVariable':
        return api(`/services/${svc}/secrets/API_KEY`, { value: 's3cr3t', environment: `dev-${owner}` });
      case 'deleteSecretVariable':
        return api(`/services/${svc}/secrets/API_KEY?environment=dev-${owner}`);
      case 'createToken':
        return api('/tokens', { name: fresh('tok'), scopes: ['read'] });
      case 'registerCluster':
        return api('/clusters', { name: fresh('c'), kubeconfig: 'apiVersion: v1\nkind: Config\n' });
      case 'checkCluster':
      case 'deleteCluster':
      case 'deleteClusterPrometheus':
        return api(op.path.replace('{name}', 'no-such-cluster'));
      case 'setClusterPrometheus':
        return api('/clusters/no-such-cluster/prometheus', { url: 'http://127.0.0.1:9' });
      case 'getEnvironmentType':
      case 'deleteEnvironmentType':
        return api(op.path.replace('{name}', 'no-such-type'));
      case 'putEnvironmentType':
        return api(`/environment-types/${fresh('type')}`, { defaults: {}, policies: [] });
      case 'createFreeze':
        return api('/freezes', {
          name: fresh('freeze'),
          // A week from now, for a day: on the server's clock, which is the real one here.
          startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
          endsAt: new Date(Date.now() + 8 * 86_400_000).toISOString(),
          mode: 'warn',
        });
      case 'deleteFreeze':
        return api('/freezes/no-such-freeze');
      case 'putScorecard':
        return api(`/scorecards/${fresh('card')}`, {
          levels: ['bronze'],
          rules: [{ id: 'owned', level: 'bronze', expression: 'facts.owner != null' }],
        });
      case 'getScorecard':
      case 'deleteScorecard':
      case 'getScorecardGrid':
        return api(op.path.replace('{name}', 'no-such-scorecard'));
      case 'evaluateScorecard':
        return api('/scorecards/no-such-scorecard/evaluate', {});
      case 'getServiceScorecards':
        return api(`/services/${svc}/scorecards`);
      case 'getServiceScorecardHistory':
        return api(`/services/${svc}/scorecards/no-such-scorecard/history`);
      case 'putCelPolicy':
        // audit, for a service nobody deploys: it must not change what the other cells see.
        return api(`/policies/cel/${fresh('cel')}`, {
          expression: 'true',
          severity: 'audit',
          match: { services: ['no-such-service'] },
        });
      case 'deleteCelPolicy':
        return api('/policies/cel/no-such-policy');
      case 'dryRunCelPolicy':
        return api('/policies/cel/dry-run', { policy: { name: 'probe', expression: 'true', severity: 'enforce' } });
      case 'createNotificationSubscription':
        return api('/notifications/subscriptions', { name: fresh('sub'), channel: 'inbox', team: 'alpha' });
      case 'deleteNotificationSubscription':
      case 'testNotificationSubscription':
        return api(op.path.replace('{id}', '00000000-0000-4000-8000-000000000000'));
      case 'redeliverNotification':
        return api('/notifications/deliveries/00000000-0000-4000-8000-000000000000/redeliver');
      case 'markInboxRead':
        return api('/inbox/read', {});
      case 'putPreviewSource':
        return api(`/preview-sources/${fresh('src')}`, {
          repository: `acme/${fresh('repo')}`,
          baseEnvironment: `dev-${owner}`,
        });
      case 'deletePreviewSource':
        return api('/preview-sources/no-such-source');
      case 'githubWebhook':
        return api('/webhooks/github', {});
      case 'checkProvisioners':
        return api('/provisioners/check', { name: 'p.yaml', content: '[]' });
      case 'testProvisioners':
        return api('/provisioners/test', {
          provisioners: { name: 'p.yaml', content: '[]' },
          environment: `dev-${owner}`,
          workload: webScore(svc, 'nginx:1.27.3'),
        });
      case 'createEnvironment':
        return api('/environments', { name: fresh(`new-${owner}`), type: 'development', owner });
      case 'getEnvironment':
        return api(`/environments/dev-${owner}`);
      case 'putEnvironment':
        return api(`/environments/stage-${owner}`, { type: 'development' });
      case 'deleteEnvironment':
      case 'pauseEnvironment':
      case 'resumeEnvironment':
        return api(op.path.replace('{name}', await freshEnvironment()));
      case 'cloneEnvironment':
        return api(`/environments/dev-${owner}/clone`, { name: fresh(`clone-${owner}`), owner });
      case 'exportEnvironment':
        return api(`/environments/dev-${owner}/export`, {});
      case 'createDeploy':
        return api('/deploys', { environment: `stage-${owner}`, workload: webScore(svc, 'nginx:1.27.3') });
      case 'promote':
        return api('/promotions', { service: svc, from: `dev-${owner}`, to: `stage-${owner}`, dryRun: true });
      case 'getRelease':
      case 'diffRelease':
      case 'getDrift':
        return api(op.path.replace('{id}', f.release[side]));
      case 'rollbackRelease':
        return api(op.path.replace('{id}', f.release[side]), {});
      case 'redeployRelease':
        return api(op.path.replace('{id}', f.release[side]), { image: 'nginx:1.27.4' });
      case 'approveRelease':
      case 'rejectRelease':
        return api(op.path.replace('{id}', f.pending[side][0] as string), {});
      case 'getServiceStatus':
        return api(`/services/${svc}/environments/dev-${owner}`);
      case 'streamLiveStatus':
        // An environment that does not exist: let through, it answers 404 instead of streaming forever.
        return api(`/services/${svc}/environments/no-such-environment/live`);
      case 'listServiceEvents':
        return api(`/services/${svc}/environments/dev-${owner}/events`);
      case 'getServiceLogs':
        return api(`/services/${svc}/environments/dev-${owner}/logs?pod=no-such-pod`);
      case 'getServiceMetrics':
        // No metrics source in this suite: an environment that does not exist, let through, answers 404.
        return api(`/services/${svc}/environments/no-such-environment/metrics`);
      case 'createService':
        return api('/services', { name: fresh(`svc-new-${owner}`), owner });
      case 'getService':
        return api(`/services/${svc}`);
      case 'updateService':
        return api(`/services/${svc}`, { owner });
      case 'getServiceVerification':
        return api(`/services/${svc}/verification`);
      case 'setServiceVerification':
        return api(`/services/${svc}/verification`, { checks: [] });
      case 'getTeam':
        return api(`/teams/${owner}`);
      case 'listRoleBindings':
        return api(`/role-bindings?team=${owner}`);
      case 'createTeam':
        return api('/teams', { name: fresh('team') });
      case 'deleteTeam':
        return api('/teams/no-such-team');
      case 'addTeamMember':
      case 'removeTeamMember':
        return api(`/teams/${owner}/members/user-none`);
      case 'createRoleBinding':
        return api('/role-bindings', {
          role: 'viewer',
          subject: { kind: 'user', name: fresh('someone') },
          scope: { kind: 'team', team: owner },
        });
      case 'deleteRoleBinding':
        return api('/role-bindings/00000000-0000-0000-0000-000000000000');
      case 'registerCatalogLocation':
        // Refused by the allow-list for those let through: no fetch leaves the test.
        return api('/catalog/locations', { type: 'url', target: 'http://127.0.0.1:1/catalog-info.yaml' });
      case 'getCatalogLocation':
      case 'refreshCatalogLocation':
      case 'deleteCatalogLocation':
        return api(
          op.path.replace('{id}', '00000000-0000-0000-0000-000000000000'),
          op.method === 'POST' ? {} : undefined,
        );
      case 'catalogPushWebhook':
        return api('/webhooks/catalog', {});
      case 'getCatalogEntity':
        return api('/catalog/entities/component/default/no-such-entity');
      case 'listCatalogEntityDocs':
        return api('/catalog/entities/component/default/no-such-entity/docs');
      case 'getCatalogEntityDocsPage':
        return api('/catalog/entities/component/default/no-such-entity/docs/guides/setup.md');
      case 'searchCatalogDocs':
        return api('/catalog/docs/search?q=setup');
      case 'backstageQueryEntities':
        return at('/api/catalog/entities/by-query?filter=kind=component');
      case 'backstageListEntities':
        return at('/api/catalog/entities?filter=kind=component');
      case 'backstageGetEntityByName':
        return at('/api/catalog/entities/by-name/component/default/no-such-entity');
      case 'backstageGetLocationByEntity':
        return at('/api/catalog/locations/by-entity/component/default/no-such-entity');
      case 'backstageGetEntityAncestry':
        return at('/api/catalog/entities/by-name/component/default/no-such-entity/ancestry');
      case 'backstageGetEntitiesByRefs':
        return at('/api/catalog/entities/by-refs', { entityRefs: ['component:default/no-such-entity'] });
      case 'backstageGetEntityFacets':
        return at('/api/catalog/entity-facets?facet=kind');
      case 'getTemplate':
        return api('/templates/slipway/node-service');
      case 'runTemplate':
        // A dry run: it renders files only, nothing leaves the test.
        return api('/templates/slipway/node-service/runs', {
          owner,
          dryRun: true,
          parameters: { name: fresh('svc'), owner, repoUrl: 'https://example.com/x.git' },
        });
      case 'getTemplateRun':
      case 'streamTemplateRunEvents':
        return api(op.path.replace('{id}', '00000000-0000-0000-0000-000000000000'));
      default:
        // Reads without parameters: the list routes, whoami, doctor, audit.
        assert.ok(!op.path.includes('{'), `${op.operationId} needs a request recipe in this test`);
        return api(op.path.replace(/^\/api\/v1/, ''));
    }
  }

  function expected(expectation: Expectation, caller: CallerName, side: Side) {
    if (expectation === 'public') return 'allow';
    if (expectation === 'signed') return 'unsigned';
    if (expectation === 'self') return 'allow';
    if (expectation === 'own') return side === 'other' ? 'not-found' : 'allow';
    if (expectation === 'member') return caller === 'none' ? 'deny' : 'allow';
    if (expectation === 'admin') return caller === 'admin' ? 'allow' : 'deny';
    return rank[caller] >= rank[expectation[side]] ? 'allow' : 'deny';
  }

  it('every operation of the document has an expectation, and nothing else does', () => {
    assert.ok(operations.length >= 50, `only ${operations.length} operations found`);
    const missing = operations.filter((op) => !(op.operationId in expectations)).map((op) => op.operationId);
    assert.deepEqual(missing, [], 'operations without an expected rule: add them here, after deciding who may');
    const stale = Object.keys(expectations).filter((id) => !operations.some((op) => op.operationId === id));
    assert.deepEqual(stale, [], 'expectations for operations the API no longer has');
  });

  it('every route × role × own/other team is allowed or denied as expected', async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const op of operations) {
      const expectation = expectations[op.operationId];
      if (!expectation) continue;
      const sides: Side[] = typeof expectation === 'object' || expectation === 'own' ? ['own', 'other'] : ['own'];
      for (const side of sides) {
        for (const caller of callers) {
          const request = await requestFor(op, side, caller);
          const res = await t.inject({
            ...request,
            headers: { ...(request.headers ?? {}), authorization: `Bearer ${f.token[caller]}` },
          });
          cells++;
          const want = expected(expectation, caller, side);
          const cell = `${op.operationId} as ${caller} on ${side} → ${res.statusCode}`;
          if (res.statusCode >= 500) wrong.push(`${cell}: a server error ${res.body}`);
          else if (want === 'deny' && (res.statusCode !== 403 || res.json().error.code !== 'forbidden')) {
            wrong.push(`${cell}: expected 403 forbidden`);
          } else if (want === 'allow' && (res.statusCode === 401 || res.statusCode === 403)) {
            wrong.push(`${cell}: expected to be let through ${res.body}`);
          } else if (want === 'not-found' && res.statusCode !== 404) wrong.push(`${cell}: expected 404`);
          else if (want === 'unsigned' && res.statusCode !== 401) wrong.push(`${cell}: expected 401 (no signature)`);
        }
      }
    }
    assert.deepEqual(wrong, [], `${wrong.length} of ${cells} cells are wrong`);
  });

  it('lists hold only what the caller may see: a member of alpha never sees beta’s', async () => {
    for (const caller of ['viewer', 'developer', 'maintainer'] as const) {
      const as = (url: string) =>
        t.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${f.token[caller]}` } });
      const envs = (await as('/environments')).json().items.map((e: { name: string }) => e.name);
      assert.ok(envs.includes('dev-alpha') && !envs.some((n: string) => n.endsWith('-beta')), envs.join());
      const services = (await as('/services')).json().items.map((s: { name: string }) => s.name);
      assert.ok(services.includes('svc-alpha') && !services.includes('svc-beta'), services.join());
      const releases = (await as('/releases?limit=500')).json().items as Array<{ service: string }>;
      assert.ok(releases.length > 0 && releases.every((r) => r.service !== 'svc-beta'));
    }
    const none = await t.inject({
      method: 'GET',
      url: '/api/v1/services',
      headers: { authorization: `Bearer ${f.token.none}` },
    });
    assert.equal(none.statusCode, 403, 'without any role, not even the list');
  });

  it('a team’s members and bindings are seen by one rule, on the team and in the list of bindings', async () => {
    const as = (caller: CallerName, url: string) =>
      t.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${f.token[caller]}` } });
    await asAdmin('PUT', '/teams/beta/members/user-none');
    for (const caller of ['viewer', 'developer', 'maintainer'] as const) {
      const own = (await as(caller, '/teams/alpha')).json();
      assert.ok(own.members.some((m: { username: string }) => m.username === `user-${caller}`));
      assert.ok(own.bindings.length > 0);
      const other = await as(caller, '/teams/beta');
      assert.equal(other.statusCode, 403);
      assert.match(other.json().error.message, /not in team beta and has no role over it/);
      assert.equal((await as(caller, '/role-bindings?team=beta')).statusCode, 403);
      // Without a filter: what concerns alpha and the caller, nothing about beta or others' global roles.
      const listed = (await as(caller, '/role-bindings')).json().items as Array<{
        subject: { name: string };
        scope: { kind: string; team?: string };
      }>;
      assert.ok(listed.some((b) => b.subject.name === `user-${caller}`));
      assert.ok(
        listed.every((b) => b.scope.kind === 'team' && b.scope.team === 'alpha'),
        JSON.stringify(listed),
      );
    }
    // A member of beta without any binding still sees the team they are in (and nothing else).
    assert.equal((await as('none', '/teams/beta')).statusCode, 200);
    assert.equal((await as('none', '/teams/alpha')).statusCode, 403);
    const all = (await as('admin', '/role-bindings')).json().items as Array<{ scope: { kind: string } }>;
    assert.ok(
      all.some((b) => b.scope.kind === 'global'),
      'admins see every binding',
    );
  });

  it('a shared environment is read by every member and managed only by admins', async () => {
    await asAdmin('POST', '/environments', { name: 'shared-qa', type: 'development' });
    const as = (caller: CallerName, method: InjectOptions['method'], url: string) =>
      t.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${f.token[caller]}` } });
    assert.equal((await as('viewer', 'GET', '/environments/shared-qa')).statusCode, 200);
    assert.equal((await as('none', 'GET', '/environments/shared-qa')).statusCode, 403);
    const pause = await as('maintainer', 'POST', '/environments/shared-qa/pause');
    assert.equal(pause.statusCode, 403);
    assert.match(pause.json().error.message, /shared: only admins manage it/);
    assert.equal((await as('admin', 'POST', '/environments/shared-qa/pause')).statusCode, 200);
  });

  it('production asks maintainers: a developer of the team may not deploy there, a maintainer may', async () => {
    const deploy = (caller: CallerName) =>
      t.inject({
        method: 'POST',
        url: '/api/v1/deploys',
        headers: { authorization: `Bearer ${f.token[caller]}` },
        payload: { environment: 'prod-alpha', workload: webScore('svc-alpha', 'nginx:1.27.20') },
      });
    const denied = await deploy('developer');
    assert.equal(denied.statusCode, 403);
    assert.match(denied.json().error.message, /needs the maintainer role/);
    assert.equal((await deploy('maintainer')).statusCode, 202);
  });

  it('changing an environment to a stricter type asks the stricter role', async () => {
    const put = (caller: CallerName) =>
      t.inject({
        method: 'PUT',
        url: '/api/v1/environments/dev-alpha',
        headers: { authorization: `Bearer ${f.token[caller]}` },
        payload: { type: 'production' },
      });
    const denied = await put('developer');
    assert.equal(denied.statusCode, 403);
    assert.match(denied.json().error.message, /needs the maintainer role/);
    assert.equal((await put('maintainer')).statusCode, 200);
  });

  it('a binding limited to environment types reaches only those', async () => {
    const db = t.db();
    const user = await ensureUser(db, 'dev-only');
    const { secret } = await createToken(db, { userId: user.id, name: 't', scopes: ['read', 'write'] });
    await asAdmin('POST', '/role-bindings', {
      role: 'maintainer',
      subject: { kind: 'user', name: 'dev-only' },
      scope: { kind: 'service', service: 'svc-alpha' },
      environmentTypes: ['development'],
    });
    const deploy = (environment: string) =>
      t.inject({
        method: 'POST',
        url: '/api/v1/deploys',
        headers: { authorization: `Bearer ${secret}` },
        payload: { environment, workload: webScore('svc-alpha', 'nginx:1.27.21') },
      });
    assert.equal((await deploy('stage-alpha')).statusCode, 202);
    assert.equal((await deploy('prod-alpha')).statusCode, 403);
    const read = await t.inject({
      method: 'GET',
      url: '/api/v1/services/svc-alpha',
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(read.statusCode, 200, 'reading a service does not depend on where it runs');
  });
});

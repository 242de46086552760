import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  AuthorizationV1Api,
  CoreV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
  type V1ResourceAttributes,
} from '@kubernetes/client-node';
import { type KubeObject, parseScore } from '@slipway/core';
import { parseAllDocuments } from 'yaml';
import { assemblePlatform, type Platform } from '../../src/assemble.ts';
import { loadConfig } from '../../src/config/load.ts';
import { KeyRing } from '../../src/crypto/keyring.ts';
import type { Database } from '../../src/db/database.ts';
import { getEnvironmentByName } from '../../src/db/stores/environments.ts';
import { currentReleases } from '../../src/db/stores/releases.ts';
import { ObjectApplier } from '../../src/kube/apply.ts';
import { checkCluster } from '../../src/kube/cluster-check.ts';
import { reuseConnections } from '../../src/kube/connection-reuse.ts';
import { LeaseElector } from '../../src/leader/lease-elector.ts';
import { testKubeConfig } from '../harness/cluster.ts';
import { openTestPglite } from '../harness/databases.ts';
import { driftedObjects } from '../harness/drift.ts';
import { settleStoredRelease } from '../harness/settle.ts';

const manifestPath = new URL('../../../../deploy/kubernetes/slipway-rbac.yaml', import.meta.url);

/** The manifest operators apply, with every name made the suite's own so runs never collide. */
function rbacObjects(name: string): KubeObject[] {
  const objects = parseAllDocuments(readFileSync(manifestPath, 'utf8')).map((d) => d.toJS() as KubeObject);
  assert.deepEqual(
    objects.map((o) => o.kind),
    ['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  );
  return objects.map((o) => {
    const renamed: KubeObject = { ...o, metadata: { ...o.metadata, name } };
    // Slipway's own namespace (the ServiceAccount's, the Lease's) is the suite's.
    if (o.metadata.namespace) renamed.metadata.namespace = name;
    if (o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding') {
      renamed.roleRef = { ...(o.roleRef as object), name };
      renamed.subjects = [{ kind: 'ServiceAccount', name, namespace: name }];
    }
    return renamed;
  });
}

/** A kubeconfig for the test cluster that authenticates as the ServiceAccount, with a token the API server minted. */
async function serviceAccountKubeConfig(admin: KubeConfig, name: string): Promise<KubeConfig> {
  const request = await admin.makeApiClient(CoreV1Api).createNamespacedServiceAccountToken({
    name,
    namespace: name,
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const token = request.status?.token ?? assert.fail('the API server issued no token');
  const cluster = admin.getCurrentCluster() ?? assert.fail('no cluster');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ ...cluster, name: 'test' }],
    users: [{ name, token }],
    contexts: [{ name, cluster: 'test', user: name }],
    currentContext: name,
  });
  return reuseConnections(kc);
}

/** An API behind a route and an autoscaler, with a database of its own: most kinds Slipway applies. */
const apiScore = (withDatabase: boolean) => `
apiVersion: score.dev/v1b1
metadata:
  name: api
containers:
  main:
    image: nginx:1.27
    variables:
      MODE: ${withDatabase ? `\${resources.db.host}` : 'stateless'}
    files:
      /etc/api/config.yaml:
        content: "greeting: hello"
service:
  ports:
    http:
      port: 80
      targetPort: 8080
resources:
  public:
    type: route
    params: { port: 80 }
${withDatabase ? '  db:\n    type: postgres\n' : ''}`;

const webScore = `
apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: nginx:1.27
    variables:
      API: \${resources.api.host}:\${resources.api.port}
resources:
  api:
    type: service-port
    params: { workload: api, port: 80 }
`;

describe('Slipway on the least-privilege ClusterRole of deploy/kubernetes/slipway-rbac.yaml', () => {
  const name = `slipway-rbac-${randomBytes(3).toString('hex')}`;
  const admin = testKubeConfig();
  const namespace = `${name}-rbac`;
  let kube: KubeConfig;
  let database: Database;
  let platform: Platform;

  before(async () => {
    await admin.makeApiClient(CoreV1Api).createNamespace({
      body: { metadata: { name, labels: { 'slipway.dev/test': 'true' } } },
    });
    await new ObjectApplier(admin).apply(rbacObjects(name));
    kube = await serviceAccountKubeConfig(admin, name);
    database = await openTestPglite();
    platform = await assemblePlatform({
      config: loadConfig({ env: { SLIPWAY_NAMESPACE_PREFIX: name } }),
      db: database.db,
      kube,
      keyRing: KeyRing.parse(KeyRing.generate('test')),
      seed: 'test-seed',
      tickMs: 300,
    });
    platform.engine.start();
  });

  after(async () => {
    await platform?.stop();
    await database?.close();
    const core = admin.makeApiClient(CoreV1Api);
    for (const ns of [namespace, name]) await core.deleteNamespace({ name: ns }).catch(() => {});
    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    await rbac.deleteClusterRoleBinding({ name }).catch(() => {});
    await rbac.deleteClusterRole({ name }).catch(() => {});
  });

  const deploy = async (workload: string) => {
    const { release } = await platform.deployments.deploy(
      { environment: 'rbac', workload: parseScore(workload) },
      'dev',
    );
    return settleStoredRelease(database.db, release.id);
  };
  const liveReplicas = async (deployment: string) =>
    (await new ObjectApplier(admin).read({ apiVersion: 'apps/v1', kind: 'Deployment', namespace, name: deployment }))
      ?.spec?.replicas;

  it('may hold the leader Lease in its own namespace, and no Lease elsewhere', async () => {
    const elector = new LeaseElector({
      kube,
      namespace: name,
      name: 'slipway-leader',
      identity: 'replica-1',
      leaseDurationMs: 4_000,
      renewDeadlineMs: 3_000,
      retryPeriodMs: 500,
      onStartedLeading: () => {},
      onStoppedLeading: () => {},
    });
    elector.start();
    try {
      for (let i = 0; i < 200 && !elector.isLeader; i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(elector.isLeader, 'the ServiceAccount took the Lease');
    } finally {
      await elector.stop();
    }
    const review = await kube.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
      body: {
        spec: {
          resourceAttributes: {
            verb: 'create',
            group: 'coordination.k8s.io',
            resource: 'leases',
            namespace: 'default',
          },
        },
      },
    });
    assert.equal(review.status?.allowed, false, 'no Lease outside its own namespace');
  });

  it('is refused what Slipway never does: cluster roles, role bindings, exec, custom resource definitions', async () => {
    const rbac = kube.makeApiClient(RbacAuthorizationV1Api);
    await assert.rejects(
      rbac.createClusterRole({ body: { metadata: { name: `${name}-escalated` }, rules: [] } }),
      (error: { code?: number }) => error.code === 403,
    );
    const denied: V1ResourceAttributes[] = [
      { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'rolebindings', namespace: name },
      { verb: 'create', resource: 'pods', subresource: 'exec', namespace: name },
      { verb: 'create', resource: 'pods', namespace: name },
      { verb: 'create', group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' },
      { verb: 'deletecollection', resource: 'secrets', namespace: name },
      { verb: 'update', group: 'apps', resource: 'deployments', namespace: name },
      { verb: 'get', resource: 'nodes' },
    ];
    for (const attributes of denied) assert.equal(await allowed(kube, attributes), false, JSON.stringify(attributes));
  });

  it('may read what the logs and events views need', async () => {
    for (const attributes of [
      { verb: 'get', resource: 'pods', subresource: 'log', namespace: name },
      { verb: 'watch', resource: 'events', namespace: name },
      { verb: 'list', group: 'events.k8s.io', resource: 'events', namespace: name },
    ])
      assert.equal(await allowed(kube, attributes), true, JSON.stringify(attributes));
  });

  it('checks the cluster (version and Ready nodes)', async () => {
    const status = await checkCluster(kube);
    assert.ok(status.nodes.ready > 0);
  });

  it('creates an environment: namespace, quota, limits and default deny', async () => {
    await platform.environments.create(
      {
        name: 'rbac',
        type: 'development',
        domain: 'rbac.example.test',
        defaults: {
          replicas: 2,
          autoscaling: { minReplicas: 2, maxReplicas: 3, targetCPUUtilizationPercentage: 80 },
          disruptionBudget: { maxUnavailable: 1 },
        },
      },
      'dev',
    );
    const kinds = ['ResourceQuota', 'LimitRange', 'NetworkPolicy'];
    const names = ['slipway-quota', 'slipway-limits', 'slipway-default-deny'];
    for (const [i, kind] of kinds.entries()) {
      const ref = { apiVersion: kind === 'NetworkPolicy' ? 'networking.k8s.io/v1' : 'v1', kind, namespace };
      assert.ok(await new ObjectApplier(admin).read({ ...ref, name: names[i] as string }), kind);
    }
  });

  it('deploys workloads that become healthy, with their database, route, autoscaler and policies', async () => {
    const api = await deploy(apiScore(true));
    assert.equal(api.status, 'healthy', api.message);
    const kinds = new Set(api.objects.map((o) => o.kind));
    for (const kind of ['Secret', 'ConfigMap', 'Service', 'StatefulSet', 'Deployment', 'Ingress', 'NetworkPolicy'])
      assert.ok(kinds.has(kind), kind);
    for (const kind of ['HorizontalPodAutoscaler', 'PodDisruptionBudget']) assert.ok(kinds.has(kind), kind);
    const web = await deploy(webScore);
    assert.equal(web.status, 'healthy', web.message);
  });

  it('reads live objects back: status and drift', async () => {
    const environment = await getEnvironmentByName(database.db, 'rbac');
    const current = await currentReleases(database.db, environment.id);
    assert.equal(current.length, 2);
    for (const release of current) assert.deepEqual(await driftedObjects(platform, release), []);
  });

  it('prunes what a new release no longer has', async () => {
    const api = await deploy(apiScore(false));
    assert.equal(api.status, 'healthy', api.message);
    const gone = await new ObjectApplier(admin).read({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      namespace,
      name: 'api-db-postgres',
    });
    assert.equal(gone, undefined);
  });

  it('pauses and resumes the environment', async () => {
    const paused = await platform.environments.pause('rbac');
    assert.equal(paused.summary.scaledDown, 2);
    assert.equal(await liveReplicas('web'), 0);
    const resumed = await platform.environments.resume('rbac');
    assert.equal(resumed.summary.scaledDown, 2);
    assert.equal(await liveReplicas('web'), 2);
  });

  it('re-applies the namespace set-up when the environment changes', async () => {
    await platform.environments.update({ name: 'rbac', type: 'staging', domain: 'rbac.example.test' });
    const quota = await new ObjectApplier(admin).read({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      namespace,
      name: 'slipway-quota',
    });
    const hard = (quota?.spec as { hard?: Record<string, string> } | undefined)?.hard;
    assert.equal(hard?.pods, '100');
  });

  it('deletes the environment with everything in it', async () => {
    await platform.environments.delete('rbac');
    const environment = await getEnvironmentByName(database.db, 'rbac');
    const deadline = Date.now() + 60_000;
    while (!(await platform.environments.finishDeletion(environment))) {
      assert.ok(Date.now() < deadline, 'the namespace is still there after a minute');
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(
      await new ObjectApplier(admin).read({ apiVersion: 'v1', kind: 'Namespace', name: namespace }),
      undefined,
    );
  });
});

async function allowed(kc: KubeConfig, resourceAttributes: V1ResourceAttributes): Promise<boolean> {
  const review = await kc
    .makeApiClient(AuthorizationV1Api)
    .createSelfSubjectAccessReview({ body: { spec: { resourceAttributes } } });
  return review.status?.allowed === true;
}

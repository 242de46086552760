import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NetworkingV1Api } from '@kubernetes/client-node';
import { parseScore } from '@slipway/core';
import { getEnvironmentByName } from '../../src/db/stores/environments.ts';
import { currentReleases } from '../../src/db/stores/releases.ts';
import { ObjectApplier } from '../../src/kube/apply.ts';
import { testKubeConfig } from '../harness/cluster.ts';
import { driftedObjects } from '../harness/drift.ts';
import { useEnvironmentApp } from '../harness/environment-app.ts';
import { settleStoredRelease } from '../harness/settle.ts';

// biome-ignore lint/suspicious/noExplicitAny: objects as the API server sends them, of any kind
type Any = Record<string, any>;

/** An API behind a route, with a database of its own. */
const apiScore = `
apiVersion: score.dev/v1b1
metadata:
  name: api
containers:
  main:
    image: nginx:1.27
    variables:
      DB_HOST: \${resources.db.host}
service:
  ports:
    http:
      port: 80
      targetPort: 8080
resources:
  db:
    type: postgres
  public:
    type: route
    params:
      port: 80
`;

/** A frontend that declares it calls the API, the way score-k8s has it. */
const webScore = `
apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: nginx:1.27
    variables:
      API_URL: http://\${resources.api.host}:\${resources.api.port}
resources:
  api:
    type: service-port
    params:
      workload: api
      port: 80
`;

/**
 * Network isolation as the API server stores it. The test cluster has no network plugin, so
 * nothing enforces these policies here: what is checked is that the objects are accepted and
 * say what they should.
 */
describe('network isolation of environments', () => {
  const t = useEnvironmentApp();
  const namespace = `${t.prefix}-net`;
  const networking = () => testKubeConfig().makeApiClient(NetworkingV1Api);
  // Plain JSON as the API server sends it (client-node's typed models rename `from` to `_from`).
  const read = async (apiVersion: string, kind: string, name: string): Promise<Any> =>
    (await new ObjectApplier(testKubeConfig()).read({ apiVersion, kind, namespace, name })) ?? assert.fail(name);
  const policy = (name: string) => read('networking.k8s.io/v1', 'NetworkPolicy', name);
  const environments = () => t.platform().environments;
  const settings = { name: 'net', type: 'development', domain: 'net.example.test' };
  const deploy = async (workload: string) => {
    const { release } = await t
      .platform()
      .deployments.deploy({ environment: 'net', workload: parseScore(workload) }, 'alice');
    return settleStoredRelease(t.db(), release.id);
  };

  it('gives a new environment a default-deny policy for incoming traffic', async () => {
    await environments().create(settings, 'alice');
    const deny = await policy('slipway-default-deny');
    assert.deepEqual(deny.spec?.podSelector, {});
    assert.deepEqual(deny.spec?.policyTypes, ['Ingress']);
    assert.equal(deny.spec?.ingress, undefined, 'admits nothing');
    assert.equal(deny.spec?.egress, undefined);
    assert.equal(deny.metadata?.labels?.['slipway.dev/environment'], 'net');
  });

  it('puts it back when the environment is updated (how existing environments get it)', async () => {
    await networking().deleteNamespacedNetworkPolicy({ name: 'slipway-default-deny', namespace });
    await environments().update(settings);
    assert.deepEqual((await policy('slipway-default-deny')).spec?.policyTypes, ['Ingress']);
  });

  it("admits a workload's dependents, ingress controllers and the users of its database", async () => {
    assert.equal((await deploy(apiScore)).status, 'healthy');
    const web = await deploy(webScore);
    assert.equal(web.status, 'healthy', web.message);
    const webDeployment = await read('apps/v1', 'Deployment', 'web');
    const apiDeployment = await read('apps/v1', 'Deployment', 'api');
    assert.equal(webDeployment.spec?.template.metadata?.labels?.['deps.slipway.dev/api'], 'true');
    assert.equal(webDeployment.spec?.selector.matchLabels?.['deps.slipway.dev/api'], undefined);
    const dbLabel = Object.keys(apiDeployment.spec?.template.metadata?.labels ?? {}).find((k: string) =>
      k.startsWith('resources.slipway.dev/'),
    );
    assert.equal(dbLabel, 'resources.slipway.dev/api-db');

    const apiPolicy = await policy('api-allow');
    const selector = { 'app.kubernetes.io/instance': 'api-net', 'app.kubernetes.io/name': 'api' };
    assert.deepEqual(apiPolicy.spec?.podSelector.matchLabels, selector);
    const [own, dependents, outside] = apiPolicy.spec?.ingress ?? [];
    assert.deepEqual(own?.from, [{ podSelector: { matchLabels: selector } }]);
    assert.deepEqual(dependents?.from, [{ podSelector: { matchLabels: { 'deps.slipway.dev/api': 'true' } } }]);
    assert.deepEqual(dependents?.ports, [{ port: 8080, protocol: 'TCP' }]);
    assert.deepEqual(outside?.from?.[0]?.namespaceSelector?.matchExpressions, [
      { key: 'kubernetes.io/metadata.name', operator: 'In', values: ['ingress-nginx', 'kube-system'] },
    ]);
    assert.equal((await policy('web-allow')).spec?.ingress?.length, 2, 'web has no route: nothing from outside');

    const dbPolicy = await policy('api-db-postgres');
    assert.deepEqual(dbPolicy.spec?.ingress, [
      {
        from: [{ podSelector: { matchExpressions: [{ key: dbLabel, operator: 'Exists' }] } }],
        ports: [{ port: 5432, protocol: 'TCP' }],
      },
    ]);
  });

  it('applies the policies exactly as rendered: no drift', async () => {
    const environment = await getEnvironmentByName(t.db(), 'net');
    for (const release of await currentReleases(t.db(), environment.id)) {
      assert.deepEqual(await driftedObjects(t.platform(), release), []);
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiextensionsV1Api } from '@kubernetes/client-node';
import { RawObjectApi } from '../../src/kube/raw-object-api.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { useDeployApp } from '../harness/deploy-app.ts';

/** HTTPRoute served by the API server through a CRD (the Gateway API's own CRDs are larger). */
const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: {
    name: 'httproutes.gateway.networking.k8s.io',
    // *.k8s.io groups are protected; the real Gateway API CRDs carry an approval link here.
    annotations: { 'api-approved.kubernetes.io': 'unapproved, test stand-in for the Gateway API CRD' },
  },
  spec: {
    group: 'gateway.networking.k8s.io',
    names: { kind: 'HTTPRoute', listKind: 'HTTPRouteList', plural: 'httproutes', singular: 'httproute' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        },
      },
    ],
  },
};

const score = `
apiVersion: score.dev/v1b1
metadata: { name: gated }
containers:
  web: { image: nginx:1.27 }
service:
  ports:
    http: { port: 80, targetPort: 8080 }
resources:
  route: { type: route, params: { host: gated.example.com, port: 80 } }
`;

describe('routes through the Gateway API', () => {
  const ns = useTestNamespace('gateway');
  const { api, settle } = useDeployApp(ns.kc);
  const removeCrd = () =>
    ns
      .kc()
      .makeApiClient(ApiextensionsV1Api)
      .deleteCustomResourceDefinition({ name: crd.metadata.name })
      .catch(() => {});

  before(removeCrd);
  after(removeCrd);

  it('refuses an environment that names a Gateway on a cluster without the Gateway API', async () => {
    const res = await api('PUT', '/environments/gw', {
      type: 'development',
      namespace: ns.namespace(),
      gateway: { name: 'edge' },
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(
      res.json().error.fields.map((f: { path: string }) => f.path),
      ['/gateway'],
    );
  });

  it('renders HTTPRoutes when the cluster serves them, and the release goes Healthy', async () => {
    await RawObjectApi.forConfig(ns.kc()).create(crd);
    const deadline = Date.now() + 30_000;
    while (!(await RawObjectApi.forConfig(ns.kc()).serves('gateway.networking.k8s.io/v1', 'HTTPRoute'))) {
      assert.ok(Date.now() < deadline, 'the CRD is served');
      await new Promise((r) => setTimeout(r, 200));
    }
    const env = await api('PUT', '/environments/gw', {
      type: 'development',
      namespace: ns.namespace(),
      gateway: { name: 'edge', namespace: 'infra' },
    });
    assert.equal(env.statusCode, 200, env.body);
    assert.equal(env.json().environment.routeKind, 'HTTPRoute');

    const deployed = await api('POST', '/deploys', { environment: 'gw', workload: score });
    assert.equal(deployed.statusCode, 202, deployed.body);
    const release = await settle(deployed.json().release.id);
    assert.equal(release.status, 'healthy', release.message);
    const route = (await RawObjectApi.forConfig(ns.kc()).read({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'gated-route', namespace: ns.namespace() },
    })) as unknown as { spec: { hostnames: string[]; parentRefs: Array<{ name: string; namespace?: string }> } };
    assert.deepEqual(route.spec?.hostnames, ['gated.example.com'], 'the route keeps its spec');
    assert.deepEqual(route.spec.parentRefs, [{ name: 'edge', namespace: 'infra' }]);
  });
});

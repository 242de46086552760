/**
 * A workload deployed through the API onto the local cluster with the platform's provisioners
 * read from score-k8s files, unchanged (the Score community's dns-with-url, ingress-route, hpa
 * and static-service, and score-k8s's own service-port and volume), rendered by the Go engine:
 * Healthy, each provisioner's objects live, and the container's variables read from their
 * outputs. A cmd:// provisioner a resource matches, and a template that fails, are refused
 * before anything is stored, naming the provisioner's file and entry. On both databases.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { AppsV1Api, AutoscalingV2Api, CoreV1Api, NetworkingV1Api } from '@kubernetes/client-node';
import { loadProvisioners } from '../../src/deploy/platform.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { testEngines } from '../harness/databases.ts';
import { useDeployApp } from '../harness/deploy-app.ts';

const fixtures = join(import.meta.dirname, '..', 'provisioners', 'fixtures', 'score-k8s');
const files = [
  'community/10-dns-with-url.provisioners.yaml',
  'community/10-ingress-route.provisioners.yaml',
  'community/10-hpa.provisioners.yaml',
  'community/10-service.provisioners.yaml',
  'community/10-env.provisioners.yaml',
  'score-k8s/zz-default.provisioners.yaml',
].map((f) => join(fixtures, f));

const score = `
apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: nginx:1.27
    variables:
      PUBLIC_URL: \${resources.dns.url}
      PEER: \${resources.peer.name}
      SELF: \${resources.self.hostname}:\${resources.self.port}
    volumes:
      /data:
        source: \${resources.data}
service:
  ports:
    http:
      port: 80
      targetPort: 8080
resources:
  dns:
    type: dns
  route:
    type: route
    params:
      host: \${resources.dns.host}
      path: /
      port: 80
  hpa:
    type: horizontal-pod-autoscaler
    params:
      maxReplicas: 4
  peer:
    type: service
    id: web
  self:
    type: service-port
    params:
      workload: web
      port: http
  data:
    type: volume
`;

for (const engine of testEngines) {
  describe(`a workload on score-k8s provisioner files [${engine}]`, () => {
    const ns = useTestNamespace('scorek8s');
    const { api, settle } = useDeployApp(ns.kc, { engine, provisioners: () => loadProvisioners(files) });
    let release: { status: string; message: string };

    before(async () => {
      const env = await api('PUT', '/environments/dev', { type: 'development', namespace: ns.namespace() });
      assert.equal(env.statusCode, 200, env.body);
      const res = await api('POST', '/deploys', { environment: 'dev', workload: score });
      assert.equal(res.statusCode, 202, res.body);
      release = await settle(res.json().release.id, 180_000);
    });

    it("deploys Healthy with every provisioner's objects", async () => {
      assert.equal(release.status, 'healthy', release.message);
      const kc = ns.kc();
      const namespace = ns.namespace();
      const hpas = await kc.makeApiClient(AutoscalingV2Api).listNamespacedHorizontalPodAutoscaler({ namespace });
      assert.deepEqual(
        hpas.items.map((h) => [h.spec?.scaleTargetRef.name, h.spec?.minReplicas, h.spec?.maxReplicas]),
        [['web', 2, 4]],
      );
      const ingresses = await kc.makeApiClient(NetworkingV1Api).listNamespacedIngress({ namespace });
      const [ingress] = ingresses.items;
      assert.equal(ingresses.items.length, 1);
      assert.match(ingress?.spec?.rules?.[0]?.host ?? '', /^dns[a-z0-9]{6}\.localhost$/);
      const backend = ingress?.spec?.rules?.[0]?.http?.paths[0]?.backend.service;
      assert.deepEqual([backend?.name, backend?.port?.number], ['web', 80]);
      const deployment = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'web', namespace });
      const volumes = deployment.spec?.template.spec?.volumes ?? [];
      assert.ok(
        volumes.some((v) => v.emptyDir),
        JSON.stringify(volumes),
      );
    });

    it('gives the container their outputs', async () => {
      const core = ns.kc().makeApiClient(CoreV1Api);
      const configs = await core.listNamespacedConfigMap({ namespace: ns.namespace() });
      const plain: Record<string, string> = Object.assign({}, ...configs.items.map((c) => c.data ?? {}));
      const variable = (name: string) => plain[`env.main.${name}`];
      assert.match(variable('PUBLIC_URL') ?? '', /^http:\/\/dns[a-z0-9]{6}\.localhost:80$/);
      assert.equal(variable('PEER'), 'web');
      assert.equal(variable('SELF'), 'web:8080');
    });

    it('refuses a resource a cmd:// entry matches, naming its file and entry', async () => {
      const res = await api('POST', '/deploys', {
        environment: 'dev',
        workload: `${score}  env:\n    type: environment\n`,
      });
      assert.equal(res.statusCode, 400, res.body);
      const body = res.json().error;
      assert.match(
        body.message,
        /Resource "env" is matched by the score-k8s provisioner cmd:\/\/python3#dotenv in .*10-env\.provisioners\.yaml at \/0, which runs a program; Slipway does not run cmd:\/\/ provisioners/,
      );
      assert.deepEqual(
        body.fields.map((f: { path: string }) => f.path),
        ['/resources/env'],
      );
    });

    it('refuses a template that fails, naming the file, the entry and the template', async () => {
      const res = await api('POST', '/deploys', {
        environment: 'dev',
        workload: score.replace('      path: /\n', '      path: no-slash\n'),
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.match(
        res.json().error.message,
        /the score-k8s provisioner template:\/\/community-provisioners\/ingress-route in .*10-ingress-route\.provisioners\.yaml at \/0, its init template, failed: .*params\.path start with a \//,
      );
    });
  });
}

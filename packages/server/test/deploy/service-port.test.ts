/**
 * `service-port` names another workload's port as score-k8s does, by name, and it is resolved
 * against the workloads running in the environment (their current releases); score-k8s
 * provisioners see the same workloads as `.WorkloadServices`. Deployed through the API onto the
 * local cluster, on both databases.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import { loadProvisioners } from '../../src/deploy/platform.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { testEngines } from '../harness/databases.ts';
import { useDeployApp } from '../harness/deploy-app.ts';

const staticService = join(
  import.meta.dirname,
  '..',
  'provisioners',
  'fixtures',
  'score-k8s',
  'community',
  '10-service.provisioners.yaml',
);

const api = `
apiVersion: score.dev/v1b1
metadata:
  name: api
containers:
  main:
    image: nginx:1.27
service:
  ports:
    http:
      port: 80
      targetPort: 8080
    metrics:
      port: 9090
`;

const web = (port: string, workload = 'api') => `
apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: nginx:1.27
    variables:
      API: \${resources.backend.hostname}:\${resources.backend.port}
      PEER: \${resources.peer.name}
resources:
  backend:
    type: service-port
    params:
      workload: ${workload}
      port: ${port}
  peer:
    type: service
    id: api
`;

for (const engine of testEngines) {
  describe(`service-port by a named port of a workload in the environment [${engine}]`, () => {
    const ns = useTestNamespace('svcport');
    const { api: call, settle } = useDeployApp(ns.kc, {
      engine,
      provisioners: () => loadProvisioners([staticService]),
    });
    let release: { status: string; message: string };

    before(async () => {
      const env = await call('PUT', '/environments/dev', { type: 'development', namespace: ns.namespace() });
      assert.equal(env.statusCode, 200, env.body);
      const first = await call('POST', '/deploys', { environment: 'dev', workload: api });
      assert.equal(first.statusCode, 202, first.body);
      assert.equal((await settle(first.json().release.id, 120_000)).status, 'healthy');
      const res = await call('POST', '/deploys', { environment: 'dev', workload: web('http') });
      assert.equal(res.statusCode, 202, res.body);
      release = await settle(res.json().release.id, 120_000);
    });

    it("deploys Healthy, reading the port the other workload's Service serves under that name", async () => {
      assert.equal(release.status, 'healthy', release.message);
      const configs = await ns.kc().makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace: ns.namespace() });
      const plain: Record<string, string> = Object.assign({}, ...configs.items.map((c) => c.data ?? {}));
      assert.equal(plain['env.main.API'], 'api:80');
      // score-k8s's static-service finds the other workload in .WorkloadServices.
      assert.equal(plain['env.main.PEER'], 'api');
    });

    it('refuses a workload not deployed there, and a port it does not serve, naming the field', async () => {
      const unknownWorkload = await call('POST', '/deploys', { environment: 'dev', workload: web('http', 'billing') });
      assert.equal(unknownWorkload.statusCode, 400, unknownWorkload.body);
      const workloadError = unknownWorkload.json().error;
      assert.match(workloadError.message, /the workload "billing" is not deployed in this environment/);
      assert.deepEqual(
        workloadError.fields.map((f: { path: string }) => f.path),
        ['/resources/backend/params/workload'],
      );
      const unknownPort = await call('POST', '/deploys', { environment: 'dev', workload: web('grpc') });
      assert.equal(unknownPort.statusCode, 400, unknownPort.body);
      const portError = unknownPort.json().error;
      assert.match(portError.message, /the workload "api" has no port "grpc"/);
      assert.match(portError.hint, /http \(80\), metrics \(9090\)/);
      assert.deepEqual(
        portError.fields.map((f: { path: string }) => f.path),
        ['/resources/backend/params/port'],
      );
    });
  });
}

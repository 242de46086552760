import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { useTestNamespace } from '../harness/cluster.ts';
import { testEngines } from '../harness/databases.ts';
import { useDeployApp } from '../harness/deploy-app.ts';
import { found } from '../harness/found.ts';

/** One container whose image the deploy overrides and a file whose content the deploy sends. */
const score = (annotations = '') => `
apiVersion: score.dev/v1b1
metadata:
  name: web
${annotations}containers:
  web:
    image: nginx:1.27.3
    files:
      /etc/web/greeting.txt:
        source: greeting.txt
service:
  ports:
    http:
      port: 80
      targetPort: 8080
`;
/**
 * A release that cannot finish within the progress deadline: each of its 3 pods takes 3 s to
 * turn Ready (testbed/stages/pods.yaml), one after the other, against 8 s. It fails by the
 * engine's deadline while the Deployment still makes progress. (A crash-looping pod would make
 * the Deployment controller raise its own ProgressDeadlineExceeded at about the moment of the
 * engine's verdict, and the rollback that follows is then sometimes judged by it: a race of
 * the rollout verdicts, not of what a rollback copies.)
 */
const slow = score('  annotations:\n    testbed.slipway.dev/delay: "3s"\n');
const greeting = 'hello from the files the deploy sent';

/** What of a release is live in a namespace: the web container's image, the file's text, the slow pods. */
async function live(kc: KubeConfig, namespace: string) {
  const deployment = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'web', namespace });
  const configs = await kc.makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace });
  const files = configs.items.flatMap((c) => Object.values(c.data ?? {})).filter((v) => v.includes('hello'));
  return {
    image: deployment.spec?.template.spec?.containers[0]?.image,
    files,
    slow: deployment.spec?.template.metadata?.annotations?.['testbed.slipway.dev/delay'] !== undefined,
  };
}

/**
 * Every new release made from an earlier one (a rollback, the engine's automatic rollback, a
 * promotion, a redeploy) carries the earlier release's inputs: a release the engine rolled back
 * to can be promoted and redeployed with the image override and the files it was deployed with.
 */
for (const engine of testEngines) {
  describe(`a release made from an earlier one keeps its inputs [${engine}]`, () => {
    const dev = useTestNamespace('lineage-dev');
    const staging = useTestNamespace('lineage-stg');
    const t = useDeployApp(dev.kc, { engine });
    type Release = { id: string; status: string; message: string; createdBy: string };
    let first: Release;
    let rollback: Release;

    before(async () => {
      for (const [name, type, ns] of [
        ['dev', 'development', dev],
        ['staging', 'staging', staging],
      ] as const) {
        const res = await t.api('PUT', `/environments/${name}`, {
          type,
          namespace: ns.namespace(),
          defaults: { replicas: 3, progressDeadlineSeconds: 8 },
        });
        assert.equal(res.statusCode, 200, res.body);
      }
      const inputs = { image: 'nginx:1.27.4', files: { 'greeting.txt': greeting } };
      const deployed = await t.api('POST', '/deploys', { environment: 'dev', workload: score(), ...inputs });
      assert.equal(deployed.statusCode, 202, deployed.body);
      first = await t.settle(deployed.json().release.id);
      assert.equal(first.status, 'healthy', first.message);

      const broken = await t.api('POST', '/deploys', {
        environment: 'dev',
        workload: slow,
        image: 'nginx:1.27.5',
        files: { 'greeting.txt': 'hello from the broken release' },
      });
      assert.equal(broken.statusCode, 202, broken.body);
      const failed = await t.settle(broken.json().release.id);
      assert.equal(failed.status, 'degraded', failed.message);
      // The engine queues the rollback in a step of its own after recording the failure.
      const made = await found('the rollback to the first release', async () => {
        const all = (await t.api('GET', '/releases?service=web&environment=dev')).json().items;
        return all.find((r: { rollbackOf: string | null }) => r.rollbackOf === first.id);
      });
      rollback = await t.settle(made.id);
      assert.equal(rollback.status, 'healthy', rollback.message);
    });

    it('rolls back automatically to the release with its image override and files', async () => {
      assert.equal(rollback.createdBy, 'slipway');
      assert.deepEqual(await live(dev.kc(), dev.namespace()), {
        image: 'nginx:1.27.4',
        files: [greeting],
        slow: false,
      });
    });

    it('promotes the rolled-back release with the same image override and files', async () => {
      const res = await t.api('POST', '/promotions', { service: 'web', from: 'dev', to: 'staging' });
      assert.equal(res.statusCode, 202, res.body);
      assert.equal(res.json().source.id, rollback.id, 'the newest healthy release of dev is the rollback');
      const promoted = await t.settle(res.json().release.id);
      assert.equal(promoted.status, 'healthy', promoted.message);
      assert.equal(promoted.image, 'nginx:1.27.4');
      assert.deepEqual(await live(staging.kc(), staging.namespace()), await live(dev.kc(), dev.namespace()));
    });

    it('redeploys the rolled-back release with the same image override and files', async () => {
      const res = await t.api('POST', `/releases/${rollback.id}/redeploy`, {});
      assert.equal(res.statusCode, 202, res.body);
      const redeployed = await t.settle(res.json().release.id);
      assert.equal(redeployed.status, 'healthy', redeployed.message);
      assert.equal(redeployed.image, 'nginx:1.27.4');
      assert.deepEqual(await live(dev.kc(), dev.namespace()), {
        image: 'nginx:1.27.4',
        files: [greeting],
        slow: false,
      });
    });
  });
}

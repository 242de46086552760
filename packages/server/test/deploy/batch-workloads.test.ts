import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AppsV1Api, BatchV1Api, type V1Job } from '@kubernetes/client-node';
import { webScore } from '../environments/workload.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { useDeployApp } from '../harness/deploy-app.ts';
import { watchUntil } from '../harness/watch.ts';

const batchScore = (name: string, annotations: Record<string, string>) => `
apiVersion: score.dev/v1b1
metadata:
  name: ${name}
  annotations:
${Object.entries(annotations)
  .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`)
  .join('\n')}
containers:
  main:
    image: busybox:1.36
    command: ["sh", "-c", "echo run"]
`;
const cronjob = { 'slipway.dev/workload-type': 'cronjob', 'slipway.dev/schedule': '0 3 * * *' };

describe('CronJob and Job workloads on a real cluster', () => {
  const ns = useTestNamespace('batch-dev');
  const t = useDeployApp(ns.kc);
  const batch = () => ns.kc().makeApiClient(BatchV1Api);
  const live = (o: { metadata?: { deletionTimestamp?: Date } }) => !o.metadata?.deletionTimestamp;

  const deploy = async (workload: string) => {
    const res = await t.api('POST', '/deploys', { environment: 'dev', workload });
    assert.equal(res.statusCode, 202, res.body);
    return t.settle(res.json().release.id);
  };

  before(async () => {
    const res = await t.api('PUT', '/environments/dev', { type: 'development', namespace: ns.namespace() });
    assert.equal(res.statusCode, 200, res.body);
  });

  it('deploys a CronJob that becomes healthy; pausing the environment suspends it and resuming clears that', async () => {
    const release = await deploy(batchScore('nightly', cronjob));
    assert.equal(release.status, 'healthy', release.message);
    const read = () => batch().readNamespacedCronJob({ name: 'nightly', namespace: ns.namespace() });
    const cj = await read();
    assert.equal(cj.spec?.schedule, '0 3 * * *');
    assert.equal(cj.spec?.jobTemplate.spec?.template.spec?.restartPolicy, 'OnFailure');

    const paused = await t.api('POST', '/environments/dev/pause');
    assert.equal(paused.statusCode, 200, paused.body);
    assert.equal(paused.json().suspended, 1);
    assert.equal((await read()).spec?.suspend, true);
    const resumed = await t.api('POST', '/environments/dev/resume');
    assert.equal(resumed.statusCode, 200, resumed.body);
    assert.equal((await read()).spec?.suspend, false);
  });

  it('refuses a bad schedule with the path of the annotation, before anything is applied', async () => {
    const res = await t.api('POST', '/deploys', {
      environment: 'dev',
      workload: batchScore('broken', { ...cronjob, 'slipway.dev/schedule': '0 25 * * *' }),
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.fields?.[0]?.path, '/metadata/annotations/slipway.dev~1schedule');
  });

  it('runs a Job once per release: healthy when it completed, and a new release runs a new Job', async () => {
    const first = await deploy(batchScore('migrate', { 'slipway.dev/workload-type': 'job' }));
    assert.equal(first.status, 'healthy', first.message);
    const jobs = async () =>
      (await batch().listNamespacedJob({ namespace: ns.namespace(), labelSelector: 'app.kubernetes.io/name=migrate' }))
        .items;
    const [job] = await jobs();
    assert.equal(job?.status?.succeeded, 1);
    const second = await deploy(
      batchScore('migrate', { 'slipway.dev/workload-type': 'job', 'slipway.dev/backoff-limit': '1' }),
    );
    assert.equal(second.status, 'healthy', second.message);
    // The first release's Job is pruned with the other objects the new release no longer has.
    const left = await watchUntil<V1Job>(ns.kc(), `/apis/batch/v1/namespaces/${ns.namespace()}/jobs`, (jobs) => {
      const running = [...jobs.values()].filter((j) => j.metadata?.labels?.['app.kubernetes.io/name'] === 'migrate');
      return running.filter(live).length === 1 && running.every(live);
    });
    assert.ok(!left.has(job?.metadata?.name ?? ''), 'the first Job is gone');
  });

  it('switching a workload from deployment to cronjob prunes the Deployment', async () => {
    const web = await deploy(webScore('switcher', 'nginx:1.27'));
    assert.equal(web.status, 'healthy', web.message);
    const apps = ns.kc().makeApiClient(AppsV1Api);
    assert.ok(await apps.readNamespacedDeployment({ name: 'switcher', namespace: ns.namespace() }));
    const switched = await deploy(batchScore('switcher', cronjob));
    assert.equal(switched.status, 'healthy', switched.message);
    // The release prunes what it no longer has before it settles.
    const deployments = await apps.listNamespacedDeployment({ namespace: ns.namespace() });
    assert.deepEqual(
      deployments.items.filter((d) => d.metadata?.name === 'switcher' && live(d)),
      [],
    );
    const cj = await batch().readNamespacedCronJob({ name: 'switcher', namespace: ns.namespace() });
    assert.equal(cj.metadata?.labels?.['slipway.dev/release'] !== undefined, true);
  });
});

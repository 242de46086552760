import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../src/kube/object.ts';
import {
  ownsObjectName,
  selectPods,
  selectWorkloads,
  serviceInstance,
  serviceSelector,
  workloadOfPod,
} from '../../src/live/selection.ts';
import { workloadLabels } from '../../src/workload/labels.ts';

const workload = (kind: string, name: string, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name, labels },
});

const pod = (
  name: string,
  owner?: { kind: string; name: string },
  labels: Record<string, string> = {},
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    labels,
    ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', ...owner, uid: 'u', controller: true }] } : {}),
  },
});

describe('which objects of a namespace are a service’s', () => {
  const instance = serviceInstance('shop', 'dev');
  const shop = workload('Deployment', 'shop', { 'app.kubernetes.io/instance': instance });
  const api = workload('Deployment', 'shop-api', { 'app.kubernetes.io/instance': serviceInstance('shop-api', 'dev') });
  const db = workload('StatefulSet', 'shop-db-postgres', { 'app.kubernetes.io/instance': 'shop-db-postgres' });
  const selector = serviceSelector('shop', 'dev', [db, { kind: 'ConfigMap', metadata: { name: 'shop-config' } }]);

  it('uses the instance label rendering gives the service’s objects', () => {
    const rendered = workloadLabels({
      serviceName: 'shop',
      environment: { name: 'dev' } as never,
      release: 'r1',
    });
    assert.equal(rendered.labels['app.kubernetes.io/instance'], instance);
  });

  it('takes its own workload by label and a provisioned data store by its release, not its neighbour', () => {
    assert.deepEqual(
      selectWorkloads([api, db, shop], selector).map((w) => w.metadata.name),
      ['shop', 'shop-db-postgres'],
    );
  });

  it('finds the workload of a pod through its ReplicaSet or StatefulSet', () => {
    const web = pod(
      'shop-7d9f8c6b5-abcde',
      { kind: 'ReplicaSet', name: 'shop-7d9f8c6b5' },
      { 'pod-template-hash': '7d9f8c6b5' },
    );
    const other = pod(
      'shop-api-6c5d4-fghij',
      { kind: 'ReplicaSet', name: 'shop-api-6c5d4' },
      { 'pod-template-hash': '6c5d4' },
    );
    const data = pod('shop-db-postgres-0', { kind: 'StatefulSet', name: 'shop-db-postgres' });
    const workloads = [shop, db];
    assert.equal(workloadOfPod(web, workloads), shop);
    assert.equal(workloadOfPod(other, workloads), undefined, 'shop-api-… is not a ReplicaSet of shop');
    assert.equal(workloadOfPod(data, workloads), db);
    const stray = pod('stray', undefined, { 'app.kubernetes.io/instance': instance });
    assert.deepEqual(
      selectPods([web, other, data, stray], workloads, selector).map((p) => [
        p.pod.metadata.name,
        p.workload?.metadata.name,
      ]),
      [
        ['shop-7d9f8c6b5-abcde', 'shop'],
        ['shop-db-postgres-0', 'shop-db-postgres'],
        ['stray', undefined],
      ],
    );
  });

  it("selects a CronJob's or Job's run pods by the instance label rendering puts on the pod template", () => {
    // Rendering labels a batch workload's pod template like any other (workload/labels.ts), so
    // its run pods show in live status and logs, with their Job when the Job is listed.
    const { labels } = workloadLabels({
      serviceName: 'shop',
      environment: { name: 'dev' } as Parameters<typeof workloadLabels>[0]['environment'],
      release: 'r1',
    });
    const run = pod('shop-29012345-x7k2p', { kind: 'Job', name: 'shop-29012345' }, labels);
    const othersRun = pod(
      'shop-api-29012345-abcde',
      { kind: 'Job', name: 'shop-api-29012345' },
      {
        'app.kubernetes.io/instance': serviceInstance('shop-api', 'dev'),
      },
    );
    assert.deepEqual(
      selectPods([run, othersRun], [shop], selector).map((p) => [p.pod.metadata.name, p.workload]),
      [['shop-29012345-x7k2p', undefined]],
    );
    const job: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'shop-29012345', labels } };
    const cron: KubeObject = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'shop', labels } };
    const workloads = selectWorkloads([job, cron], selector);
    assert.deepEqual(
      workloads.map((w) => w.kind),
      ['CronJob', 'Job'],
    );
    assert.equal(selectPods([run], workloads, selector)[0]?.workload, job);
  });

  it('recognises the names controllers give, so events of objects already gone still count', () => {
    const names = {
      deployments: ['shop'],
      statefulSets: ['shop-db-postgres'],
      cronJobs: ['nightly'],
      jobs: ['seed-a1b2c3d4'],
    };
    const owns = (kind: string, name: string) => ownsObjectName(kind, name, names);
    assert.ok(owns('Deployment', 'shop'));
    assert.ok(owns('ReplicaSet', 'shop-7d9f8c6b5'));
    assert.ok(owns('Pod', 'shop-7d9f8c6b5-abcde'));
    assert.ok(owns('StatefulSet', 'shop-db-postgres'));
    assert.ok(owns('Pod', 'shop-db-postgres-0'));
    assert.ok(!owns('Deployment', 'shop-api'));
    assert.ok(!owns('ReplicaSet', 'shop-api-6c5d4'));
    assert.ok(!owns('Pod', 'shop-api-6c5d4-fghij'));
    assert.ok(!owns('Service', 'shop'));
    assert.ok(owns('CronJob', 'nightly'));
    assert.ok(owns('Job', 'nightly-29012345'), "a CronJob's run, named after its minute");
    assert.ok(owns('Pod', 'nightly-29012345-x7k2p'));
    assert.ok(owns('Job', 'seed-a1b2c3d4'));
    assert.ok(owns('Pod', 'seed-a1b2c3d4-abcde'));
    assert.ok(!owns('Job', 'nightly-report-29012345'), 'nightly-report is another CronJob');
    assert.ok(!owns('Pod', 'nightly-report-29012345-x7k2p'));
  });
});

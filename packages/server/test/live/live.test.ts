/**
 * The portal's live Service page, server side, against the real test cluster and both
 * database engines: the status stream fed by the shared watches and the engine's release
 * changes, the service's Kubernetes Events, and its containers' logs through the API server
 * (kwok serves them in the testbed: testbed/cluster.sh).
 */
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, it } from 'node:test';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import type { ServerSentEvent } from '../../../cli/src/sse.ts';
import { testKubeConfigPath, useTestNamespace } from '../harness/cluster.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { type TestStream, useLiveApp } from './live-app.ts';

const shopScore = (image = 'nginx:1.27') => `
apiVersion: score.dev/v1b1
metadata:
  name: shop
containers:
  web:
    image: ${image}
service:
  ports:
    http:
      port: 80
      targetPort: 8080
resources:
  db:
    type: postgres
`;

const otherScore = `
apiVersion: score.dev/v1b1
metadata:
  name: shop-api
containers:
  main:
    image: nginx:1.27
`;

// biome-ignore lint/suspicious/noExplicitAny: JSON from the API under test
type Status = any;
const statusOf = (e: ServerSentEvent): Status => (e.event === 'status' ? JSON.parse(e.data) : undefined);
const isStatus = (check: (s: Status) => boolean) => (e: ServerSentEvent) => e.event === 'status' && check(statusOf(e));
const lastStatus = (s: TestStream): Status => statusOf(s.events.filter((e) => e.event === 'status').at(-1) as never);
const appendLog = (text: string) =>
  appendFileSync(
    join(dirname(testKubeConfigPath()), 'container.log'),
    `${new Date().toISOString()} stdout F ${text}\n`,
  );

describeEachDatabase('the live Service page', (getDb) => {
  const ns = useTestNamespace('live');
  const t = useLiveApp(getDb, ns.kc);
  const live = '/services/shop/environments/dev/live';

  before(async () => {
    const env = await t.call('PUT', '/environments/dev', {
      type: 'development',
      namespace: ns.namespace(),
      domain: 'dev.example.com',
      defaults: { replicas: 2, progressDeadlineSeconds: 60 },
    });
    assert.equal(env.status, 200, env.text);
    for (const workload of [shopScore(), otherScore]) {
      const res = await t.call('POST', '/deploys', { environment: 'dev', workload });
      assert.equal(res.status, 202, res.text);
      assert.equal((await t.settle(res.json().release.id)).status, 'healthy');
    }
  });

  const allReady = (s: Status, pods: number) => s.pods.length === pods && s.pods.every((p: Status) => p.ready);

  it("streams the service's release, workloads and pods, and none of its neighbour's", async () => {
    const stream = await t.stream(live);
    try {
      assert.equal(stream.status, 200);
      assert.match(stream.contentType ?? '', /^text\/event-stream/);
      const status = statusOf(
        await stream.waitFor(
          isStatus((s) => allReady(s, 3)),
          'two web pods and a database',
        ),
      );
      assert.equal(status.service, 'shop');
      assert.equal(status.environment, 'dev');
      assert.equal(status.namespace, ns.namespace());
      assert.equal(status.cluster, 'default');
      assert.ok(Math.abs(Date.parse(status.at) - Date.now()) < 60_000, status.at);
      assert.equal(status.release.number, 1);
      assert.equal(status.release.status, 'healthy');
      const kinds = status.workloads.map((w: Status) => `${w.kind}/${w.name}`);
      assert.ok(kinds.includes('Deployment/shop'), kinds.join());
      assert.ok(
        kinds.some((k: string) => k.startsWith('StatefulSet/')),
        `the provisioned database counts: ${kinds}`,
      );
      assert.ok(!kinds.some((k: string) => k.includes('shop-api')), 'not the neighbour shop-api');
      const web = status.workloads.find((w: Status) => w.name === 'shop');
      assert.deepEqual(web, { kind: 'Deployment', name: 'shop', desired: 2, ready: 2, updated: 2, available: 2 });
      for (const pod of status.pods) {
        assert.ok(
          status.workloads.some((w: Status) => w.name === pod.workload),
          `${pod.name} names its workload`,
        );
        assert.equal(pod.phase, 'Running');
        assert.equal(pod.reason, null);
        assert.ok(pod.node?.startsWith('kwok-node-'), pod.node);
        assert.ok(pod.startedAt && !Number.isNaN(Date.parse(pod.startedAt)));
        assert.equal(pod.restarts, 0);
      }
    } finally {
      stream.close();
    }
  });

  it('pushes a pod replaced after deletion and a Deployment scaled, without repeating itself', async () => {
    const stream = await t.stream(live);
    try {
      const first = statusOf(
        await stream.waitFor(
          isStatus((s) => allReady(s, 3)),
          'the running service',
        ),
      );
      const victim = first.pods.find((p: Status) => p.workload === 'shop').name;
      const core = ns.kc().makeApiClient(CoreV1Api);
      await core.deleteNamespacedPod({ name: victim, namespace: ns.namespace() });
      await stream.waitFor(
        isStatus((s) => allReady(s, 3) && !s.pods.some((p: Status) => p.name === victim)),
        `a replacement for ${victim}`,
      );
      const apps = ns.kc().makeApiClient(AppsV1Api);
      await apps.patchNamespacedDeploymentScale({
        name: 'shop',
        namespace: ns.namespace(),
        body: [{ op: 'replace', path: '/spec/replicas', value: 3 }],
      });
      const scaled = statusOf(
        await stream.waitFor(
          isStatus((s) => allReady(s, 4) && s.workloads.some((w: Status) => w.name === 'shop' && w.ready === 3)),
          'three web pods',
        ),
      );
      assert.equal(scaled.workloads.find((w: Status) => w.name === 'shop').desired, 3);
      const contents = stream.events
        .filter((e) => e.event === 'status')
        .map((e) => {
          const { at: _at, ...rest } = JSON.parse(e.data);
          return JSON.stringify(rest);
        });
      assert.ok(
        contents.every((c, i) => i === 0 || c !== contents[i - 1]),
        'a status is sent only when it says something new',
      );
    } finally {
      stream.close();
    }
  });

  it('pushes release changes as the engine writes them, through to the new pods', async () => {
    const stream = await t.stream(live);
    try {
      await stream.waitFor(
        isStatus((s) => s.release?.number === 1),
        'release #1',
      );
      const res = await t.call('POST', '/deploys', { environment: 'dev', workload: shopScore('nginx:1.28') });
      assert.equal(res.status, 202, res.text);
      await stream.waitFor(
        isStatus((s) => s.release?.number === 2),
        'release #2 as soon as it is stored',
        10_000,
      );
      const done = statusOf(
        await stream.waitFor(
          isStatus(
            (s) =>
              s.release?.number === 2 &&
              s.release.status === 'healthy' &&
              s.workloads.some((w: Status) => w.name === 'shop' && w.updated === w.desired && w.ready === w.desired),
          ),
          'release #2 healthy',
          90_000,
        ),
      );
      assert.equal(done.release.image, 'nginx:1.28');
      const seen = new Set(
        stream.events.map(statusOf).flatMap((s: Status) => (s?.release?.number === 2 ? [s.release.status] : [])),
      );
      assert.ok(seen.size >= 2, `the release's progress was pushed, not only its end: ${[...seen]}`);
    } finally {
      stream.close();
    }
  });

  it('shares one watch per kind of the namespace among every stream, and stops it after the last', async () => {
    const hub = (await t.platform().clusters.connect(null)).hub;
    const idle = async () => {
      for (let i = 0; i < 100 && hub.size > 0; i++) await new Promise((r) => setTimeout(r, 50));
      return hub.size;
    };
    assert.equal(await idle(), 0, 'no watch open before any stream');
    const streams = await Promise.all([live, live, '/services/shop-api/environments/dev/live'].map(t.stream));
    try {
      for (const s of streams) await s.waitFor((e) => e.event === 'status', 'a first status');
      assert.equal(hub.size, 5, 'Pods, Deployments, StatefulSets, CronJobs and Jobs of the namespace: one watch each');
      assert.equal(hub.subscriptions, 10, 'one feed per service (shop, shop-api) on each watch, not one per stream');
      const other = lastStatus(streams[2] as TestStream);
      assert.deepEqual(
        other.workloads.map((w: Status) => w.name),
        ['shop-api'],
      );
      assert.ok(other.pods.every((p: Status) => p.workload === 'shop-api'));
    } finally {
      for (const s of streams) s.close();
    }
    assert.equal(await idle(), 0, 'the watches stop once nobody looks');
  });

  it('answers 404 before streaming for an unknown service or environment', async () => {
    for (const path of ['/services/shop/environments/nowhere/live', '/services/nobody/environments/dev/live']) {
      const res = await t.call('GET', path);
      assert.equal(res.status, 404, res.text);
      assert.equal(res.json().error.code, 'not_found');
    }
  });

  it("lists the Kubernetes Events of the service's objects, newest first", async () => {
    const res = await t.call('GET', '/services/shop/environments/dev/events');
    assert.equal(res.status, 200, res.text);
    const items = res.json().items as Status[];
    const objects = items.map((e) => e.object as string);
    assert.ok(
      items.some((e) => e.object === 'Deployment/shop' && e.reason === 'ScalingReplicaSet'),
      objects.join(),
    );
    assert.ok(
      objects.some((o) => /^ReplicaSet\/shop-[a-z0-9]+$/.test(o)),
      'its ReplicaSets',
    );
    assert.ok(
      objects.some((o) => /^Pod\/shop-[a-z0-9]+-[a-z0-9]{5}$/.test(o)),
      'its pods',
    );
    assert.ok(
      objects.some((o) => o.startsWith('StatefulSet/')),
      'its database',
    );
    assert.ok(!objects.some((o) => o.includes('shop-api')), 'not the neighbour’s');
    for (const e of items) {
      assert.ok(['Normal', 'Warning'].includes(e.type) && e.reason && e.count >= 1, JSON.stringify(e));
      assert.ok(e.lastAt && e.firstAt && e.firstAt <= e.lastAt, JSON.stringify(e));
    }
    const times = items.map((e) => Date.parse(e.lastAt));
    assert.ok(
      times.every((x, i) => i === 0 || x <= (times[i - 1] as number)),
      'newest first',
    );
    const two = await t.call('GET', '/services/shop/environments/dev/events?limit=2');
    assert.equal(two.json().items.length, 2);
    assert.equal((await t.call('GET', '/services/shop/environments/dev/events?limit=0')).status, 400);
  });

  /** A web pod of shop, and its container's name, as the live status has them. */
  const webPod = async () => {
    const stream = await t.stream(live);
    try {
      const s = statusOf(
        await stream.waitFor(
          isStatus((x) => x.pods.some((p: Status) => p.workload === 'shop' && p.ready)),
          'a web pod',
        ),
      );
      return s.pods.find((p: Status) => p.workload === 'shop' && p.ready).name as string;
    } finally {
      stream.close();
    }
  };
  const logs = (query: string) => t.call('GET', `/services/shop/environments/dev/logs?${query}`);

  it("reads a pod's log through the Kubernetes API: tailed, searched, since a time", async () => {
    const pod = await webPod();
    const all = await logs(`pod=${pod}`);
    assert.equal(all.status, 200, all.text);
    const lines = all.json().lines as Status[];
    assert.ok(
      lines.some((l) => l.text === 'GET /healthz 200'),
      all.text.slice(0, 1000),
    );
    for (const l of lines) {
      assert.equal(l.pod, pod);
      assert.equal(l.container, 'web');
      assert.ok(l.at && !Number.isNaN(Date.parse(l.at)), 'the time it was written, split off the text');
    }
    const found = (await logs(`pod=${pod}&search=ERROR`)).json().lines as Status[];
    assert.ok(found.length >= 1 && found.every((l) => /error/i.test(l.text)), JSON.stringify(found));
    const lower = (await logs(`pod=${pod}&search=error`)).json().lines as Status[];
    assert.equal(lower.length, found.length, 'search ignores case');
    assert.equal((await logs(`pod=${pod}&tailLines=2`)).json().lines.length, 2);
    const fresh = `fresh line ${Date.now()}`;
    appendLog(fresh);
    const recent = (await logs(`pod=${pod}&sinceSeconds=3`)).json().lines as Status[];
    assert.ok(
      recent.some((l) => l.text === fresh),
      JSON.stringify(recent),
    );
    assert.ok(!recent.some((l) => l.text === 'testbed: container started'), 'older lines are left out');
  });

  it("reads every pod's logs without a pod, and refuses pods and containers that are not the service's", async () => {
    const res = await logs('tailLines=1');
    assert.equal(res.status, 200, res.text);
    const pods = new Set((res.json().lines as Status[]).map((l) => l.pod));
    assert.ok(pods.size >= 3, `the web pods and the database: ${[...pods]}`);
    assert.ok(
      [...pods].some((p) => p.endsWith('-0')),
      `the database's pod: ${[...pods]}`,
    );
    assert.ok(![...pods].some((p) => p.startsWith('shop-api')), 'not the neighbour’s pods');
    assert.deepEqual(res.json().unavailable, []);
    const neighbour = (await t.call('GET', '/services/shop-api/environments/dev/logs')).json().lines[0].pod;
    const stranger = await logs(`pod=${neighbour}`);
    assert.equal(stranger.status, 404, 'a neighbour’s pod is not found through this service');
    const pod = await webPod();
    const wrong = await logs(`pod=${pod}&container=nope`);
    assert.equal(wrong.status, 400);
    assert.deepEqual(wrong.json().error.fields, [{ path: '/container', in: 'query', message: 'not one of: web' }]);
    assert.equal((await logs('tailLines=0')).status, 400);
  });

  it("follows a pod's log as server-sent events while it is written", async () => {
    const pod = await webPod();
    const stream = await t.stream(`/services/shop/environments/dev/logs?pod=${pod}&follow=true&tailLines=1`);
    try {
      assert.equal(stream.status, 200);
      await stream.waitFor((e) => e.event === 'line', 'the last line');
      const text = `followed line ${Date.now()}`;
      appendLog(text);
      const line = JSON.parse((await stream.waitFor((e) => e.event === 'line' && e.data.includes(text), text)).data);
      assert.deepEqual({ ...line, at: typeof line.at }, { pod, container: 'web', at: 'string', text });
    } finally {
      stream.close();
    }
  });

  it("answers logs_unavailable with Kubernetes' reason when the cluster refuses a pod's logs", async () => {
    // A pod of the service bound to a node that does not exist: the API server cannot reach a
    // kubelet for it and says so.
    const core = ns.kc().makeApiClient(CoreV1Api);
    const name = 'shop-stray';
    await core.createNamespacedPod({
      namespace: ns.namespace(),
      body: {
        metadata: { name, labels: { 'app.kubernetes.io/instance': 'shop-dev' } },
        spec: { nodeName: 'no-such-node', containers: [{ name: 'web', image: 'nginx:1.27' }] },
      },
    });
    try {
      const res = await logs(`pod=${name}`);
      assert.equal(res.status, 409, res.text);
      const { error } = res.json();
      assert.equal(error.code, 'logs_unavailable');
      assert.match(error.message, /shop-stray.*web.*not found/);
      const everyPod = await logs('tailLines=1');
      assert.equal(everyPod.status, 200, 'the other pods still answer');
      assert.deepEqual(
        (everyPod.json().unavailable as Status[]).map((u) => [u.pod, u.container]),
        [[name, 'web']],
      );
      const stream = await t.stream(live);
      try {
        const s = statusOf(
          await stream.waitFor(
            isStatus((x) => x.pods.some((p: Status) => p.name === name)),
            name,
          ),
        );
        const stray = s.pods.find((p: Status) => p.name === name);
        assert.equal(stray.workload, null, 'labelled as the service’s, controlled by none of its workloads');
        assert.equal(stray.phase, 'Pending');
      } finally {
        stream.close();
      }
    } finally {
      await core.deleteNamespacedPod({ name, namespace: ns.namespace(), gracePeriodSeconds: 0 });
    }
  });

  it("shows a CronJob with its schedule, a Job with its runs, and the Job's pod under it", async () => {
    const batch = (name: string, annotations: string) => `
apiVersion: score.dev/v1b1
metadata:
  name: ${name}
  annotations:
${annotations}
containers:
  main:
    image: busybox:1.36
`;
    for (const workload of [
      batch('nightly', `    slipway.dev/workload-type: cronjob\n    slipway.dev/schedule: "0 3 * * *"`),
      batch('seed', '    slipway.dev/workload-type: job'),
    ]) {
      const res = await t.call('POST', '/deploys', { environment: 'dev', workload });
      assert.equal(res.status, 202, res.text);
      assert.equal((await t.settle(res.json().release.id)).status, 'healthy');
    }
    const [cron, job] = await Promise.all(
      ['/services/nightly/environments/dev/live', '/services/seed/environments/dev/live'].map(t.stream),
    );
    try {
      const nightly = statusOf(
        await (cron as TestStream).waitFor(
          isStatus((s) => s.workloads.length === 1),
          'the CronJob',
        ),
      );
      assert.deepEqual(nightly.workloads[0], {
        kind: 'CronJob',
        name: 'nightly',
        desired: 0,
        ready: 0,
        updated: 0,
        available: 0,
        runs: {
          schedule: '0 3 * * *',
          suspended: false,
          active: 0,
          succeeded: 0,
          failed: 0,
          lastStartAt: null,
          lastSuccessAt: null,
        },
      });
      const seed = statusOf(
        await (job as TestStream).waitFor(
          isStatus((s) => s.workloads[0]?.runs?.succeeded === 1 && s.pods.length === 1),
          'the Job, done, and its pod',
        ),
      );
      const [run] = seed.workloads;
      assert.equal(run.kind, 'Job');
      assert.match(run.name, /^seed-[a-z0-9]{8}$/);
      assert.deepEqual([run.desired, run.ready, run.runs.failed, run.runs.active], [1, 1, 0, 0]);
      assert.ok(run.runs.lastSuccessAt && run.runs.lastStartAt <= run.runs.lastSuccessAt, JSON.stringify(run.runs));
      assert.equal(seed.pods[0].workload, run.name);
      assert.equal(seed.pods[0].phase, 'Succeeded');
      const events = await t.call('GET', '/services/seed/environments/dev/events');
      assert.equal(events.status, 200, events.text);
      const objects = (events.json().items as Status[]).map((e) => e.object as string);
      assert.ok(objects.includes(`Job/${run.name}`), `the Job's own events: ${objects.join()}`);
      assert.ok(!objects.some((o) => o.includes('nightly') || o.includes('shop')), 'not the neighbours’');
    } finally {
      cron?.close();
      job?.close();
    }
  });
});

/**
 * bench/deploy: 100 services (Deployment, Service, ConfigMap, Ingress each) deployed through
 * Slipway's HTTP API until every release is Healthy, against `kubectl apply --server-side`
 * of the very same objects followed by `kubectl wait` until every Deployment is Available,
 * on the same cluster in the same run. Also: how long after a service's last pod turned
 * Ready its release was marked Healthy (goal: ≤ 1 s), and the ratio (goal: ≤ 1.2×).
 *
 *   npm run bench -- deploy [services=100] [concurrency=10]
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '@slipway/core';
import {
  assemblePlatform,
  buildApp,
  listReleases,
  loadConfig,
  openDatabase,
  reuseConnections,
  watchCollection,
} from '@slipway/server';
import { stringify } from 'yaml';
import { benchCluster, kubectl } from './lib/cluster.ts';
import { openBenchPglite } from './lib/pglite.ts';
import { round, summarize } from './lib/stats.ts';
import { type Call, setUpTeam } from './lib/team.ts';

const score = (name: string) => `
apiVersion: score.dev/v1b1
metadata:
  name: ${name}
containers:
  web:
    image: nginx:1.27
    variables:
      SERVICE_NAME: \${metadata.name}
      LOG_LEVEL: info
service:
  ports:
    http:
      port: 80
      targetPort: 8080
resources:
  route:
    type: route
    params:
      host: ${name}.bench.example.com
      path: /
      port: 80
`;

export async function run(args: string[]) {
  const services = Number(args[0] ?? 100);
  const concurrency = Number(args[1] ?? 10);
  const cluster = benchCluster();
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  reuseConnections(kc);
  const tag = randomBytes(3).toString('hex');
  const names = Array.from({ length: services }, (_, i) => `svc-${String(i).padStart(3, '0')}`);
  try {
    const slipway = await throughSlipway(kc, `bench-slipway-${tag}`, names, concurrency);
    const kinds = countKinds(slipway.objects);
    const raw = await throughKubectl(cluster.kubeconfig, `bench-kubectl-${tag}`, slipway.objects);
    const stored = summarize(slipway.lagsMs);
    const verdict = summarize(slipway.readyToVerdictMs);
    const controllers = summarize(slipway.controllerLagsMs);
    const own = summarize(slipway.verdictLagsMs);
    const figures = {
      services,
      objects: slipway.objects.length,
      kinds,
      slipway_s: round(slipway.seconds, 2),
      kubectl_s: round(raw.seconds, 2),
      kubectl_apply_s: round(raw.applySeconds, 2),
      ratio: round(slipway.seconds / raw.seconds, 2),
      ready_to_healthy_p50_ms: verdict.p50,
      ready_to_healthy_p99_ms: verdict.p99,
      ready_to_healthy_max_ms: round(Math.max(...slipway.readyToVerdictMs), 1),
      ready_to_stored_p50_ms: stored.p50,
      ready_to_stored_p99_ms: stored.p99,
      ready_to_available_p50_ms: controllers.p50,
      available_to_healthy_p50_ms: own.p50,
      available_to_healthy_p99_ms: own.p99,
      engine_apply_p50_ms: slipway.engineSteps.applyMs.p50,
      event_loop_delay_p99_ms: slipway.eventLoopP99Ms,
      database: process.env.SLIPWAY_BENCH_DATABASE_URL ? 'postgres' : 'pglite',
      server_rss_mb: slipway.rssMb,
    };
    console.log(
      [
        `${services} services, ${slipway.objects.length} objects (${Object.entries(kinds)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')})`,
        `  slipway  ${figures.slipway_s} s  from the first API call to every release Healthy (${concurrency} deploys in flight)`,
        `  kubectl  ${figures.kubectl_s} s  apply --server-side (${figures.kubectl_apply_s} s) + wait until every Deployment is Available`,
        `  ratio    ${figures.ratio}× (goal ≤ 1.2×; ≤ 1.0× at 1,000 services)`,
        `  last pod Ready → release Healthy (the engine's verdict, as watchers get it): p50 ${verdict.p50} ms, p99 ${verdict.p99} ms, max ${figures.ready_to_healthy_max_ms} ms (goal ≤ 1000 ms)`,
        `    of which pod Ready → Deployment Available (kube-controller-manager): p50 ${controllers.p50} ms; Available → verdict (Slipway): p50 ${own.p50} ms, p99 ${own.p99} ms`,
        `  last pod Ready → Healthy stored (what GET /releases returns): p50 ${stored.p50} ms, p99 ${stored.p99} ms`,
        `  engine apply per release p50 ${figures.engine_apply_p50_ms} ms; event-loop delay p99 ${figures.event_loop_delay_p99_ms} ms`,
        `  server RSS at the end ${figures.server_rss_mb} MB on ${figures.database} (goal on PostgreSQL ≤ 400 MB)`,
      ].join('\n'),
    );
    return figures;
  } finally {
    await deleteNamespaces(kc, tag);
    cluster.stop();
  }
}

async function throughSlipway(kc: KubeConfig, namespace: string, names: string[], concurrency: number) {
  // The embedded database by default; SLIPWAY_BENCH_DATABASE_URL measures on PostgreSQL.
  const url0 = process.env.SLIPWAY_BENCH_DATABASE_URL;
  const database = url0 ? await openDatabase({ engine: 'postgres', url: url0 }) : await openBenchPglite();
  const quiet = { info() {}, warn() {}, error() {} };
  const config = loadConfig({ env: {} });
  const platform = await assemblePlatform({
    config,
    db: database.db,
    kube: kc,
    keyRing: null,
    seed: 'bench',
    log: quiet,
  });
  const engine = platform.engine;
  const app = await buildApp({ config, database, kube: kc, platform });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  engine.start();
  // The engine's own account of each release, to tell where time goes.
  const phases = new Map<string, Record<string, number>>();
  engine.events.on('release', (e) => {
    const seen = phases.get(e.releaseId) ?? {};
    seen[e.phase] ??= performance.now();
    phases.set(e.releaseId, seen);
  });
  // A developer of team bench, which then owns the environment and every service deployed.
  const { admin, developer } = await setUpTeam(database.db, url);
  await defineLoadTestType(admin.call);
  const headers = { authorization: `Bearer ${developer.token}`, 'content-type': 'application/json' };
  await developer.call('PUT', '/environments/bench', {
    type: 'load-test',
    namespace,
    domain: 'bench.example.com',
    // Development's 120 s deadline runs from each apply; at 1,000 services kube-controller-manager
    // takes minutes to work through the new Deployments, for kubectl's run as much as ours.
    defaults: { replicas: 1, progressDeadlineSeconds: 600 },
  });

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const podsReady = followPodReadiness(kc, namespace);
  const available = followAvailability(kc, namespace);
  const healthyAt = new Map<string, number>();
  const started = performance.now();
  let next = 0;
  let deploying = true;
  const deploys = Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < names.length) {
        const name = names[next++] as string;
        const res = await fetch(`${url}/api/v1/deploys`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ environment: 'bench', workload: score(name) }),
        });
        if (res.status !== 202) throw new Error(`deploy of ${name} answered ${res.status}: ${await res.text()}`);
      }
    }),
  ).finally(() => {
    deploying = false;
  });
  // Watch the engine's verdicts land in the database: a 20 ms poll of a narrow query, from the
  // first deploy on (at 1,000 services the deploys take minutes, and the first are Healthy long
  // before the last is sent: polling only afterwards counted that wait as lag).
  const stored = (async () => {
    for (;;) {
      const releases = await database.db.selectFrom('releases').select(['id', 'number', 'status', 'message']).execute();
      for (const r of releases)
        if (r.status === 'healthy' && !healthyAt.has(r.id)) healthyAt.set(r.id, performance.now());
      const failed = releases.find((r) => ['degraded', 'failed'].includes(r.status));
      if (failed) throw new Error(`release #${failed.number} ${failed.status}: ${failed.message}`);
      if (healthyAt.size === names.length || (!deploying && releases.length < names.length)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await Promise.all([deploys, stored]);
  const seconds = (Math.max(...healthyAt.values()) - started) / 1000;
  const releases = await listReleases(database.db, { limit: 10_000 });
  const serviceOf = (r: (typeof releases)[number]) =>
    r.objects.find((o) => o.kind === 'Deployment')?.metadata.name ?? '';
  const lagsMs = releases.map((r) => (healthyAt.get(r.id) ?? 0) - (podsReady.lastReadyAt.get(serviceOf(r)) ?? 0));
  const availableLagsMs = releases.map((r) => (healthyAt.get(r.id) ?? 0) - (available.at.get(serviceOf(r)) ?? 0));
  const controllerLagsMs = releases.map(
    (r) => (available.at.get(serviceOf(r)) ?? 0) - (podsReady.lastReadyAt.get(serviceOf(r)) ?? 0),
  );
  const step = (from: string, to: string) =>
    summarize([...phases.values()].filter((p) => p[from] && p[to]).map((p) => (p[to] as number) - (p[from] as number)));
  const engineSteps = { applyMs: step('applying', 'applied'), judgeMs: step('applied', 'healthy') };
  const verdictLagsMs = releases.map((r) => (phases.get(r.id)?.healthy ?? 0) - (available.at.get(serviceOf(r)) ?? 0));
  const readyToVerdictMs = releases.map(
    (r) => (phases.get(r.id)?.healthy ?? 0) - (podsReady.lastReadyAt.get(serviceOf(r)) ?? 0),
  );
  loop.disable();
  const eventLoopP99Ms = round(loop.percentile(99) / 1e6, 1);
  // The server runs in this process: its RSS (with the benchmark's own watches, a few MB) at the end.
  const rssMb = Math.round(process.memoryUsage().rss / 1e6);
  podsReady.stop();
  available.stop();
  await platform.stop();
  await app.close();
  await database.close();
  return {
    seconds,
    lagsMs,
    availableLagsMs,
    controllerLagsMs,
    verdictLagsMs,
    readyToVerdictMs,
    engineSteps,
    eventLoopP99Ms,
    rssMb,
    objects: releases.flatMap((r) => r.objects),
  };
}

/**
 * The development type's settings without its quota (50 pods, 4 CPUs requested): a type a
 * platform team would make for load tests, so the benchmark's 100 services fit in one
 * environment. Everything else a development environment renders stays.
 */
async function defineLoadTestType(call: Call) {
  const { type } = (await call('GET', '/environment-types/development')).json as {
    type: Record<string, unknown>;
  };
  const { name: _name, quota: _quota, ...settings } = type;
  await call('PUT', '/environment-types/load-test', {
    ...settings,
    description: 'Load tests: development without its quota',
  });
}

/** When each Deployment's status first reported it Available and fully updated. */
function followAvailability(kc: KubeConfig, namespace: string) {
  const at = new Map<string, number>();
  const controller = new AbortController();
  const seen = (d: KubeObject) => {
    const status = (d.status ?? {}) as {
      conditions?: Array<{ type: string; status: string }>;
      updatedReplicas?: number;
      availableReplicas?: number;
    };
    const wanted = Number((d.spec as { replicas?: number } | undefined)?.replicas ?? 1);
    const done =
      status.conditions?.some((c) => c.type === 'Available' && c.status === 'True') &&
      status.updatedReplicas === wanted &&
      status.availableReplicas === wanted;
    if (done && !at.has(d.metadata.name)) at.set(d.metadata.name, performance.now());
  };
  void watchCollection(
    kc,
    { apiVersion: 'apps/v1', kind: 'Deployment', namespace },
    { onSync: (all) => all.forEach(seen), onEvent: (_t, d) => seen(d) },
    controller.signal,
  );
  return { at, stop: () => controller.abort() };
}

/** When each service's last pod turned Ready, as seen by a watch of our own. */
function followPodReadiness(kc: KubeConfig, namespace: string) {
  const lastReadyAt = new Map<string, number>();
  const controller = new AbortController();
  const seen = (pod: KubeObject) => {
    const ready = (pod.status?.conditions as Array<{ type: string; status: string }> | undefined)?.some(
      (c) => c.type === 'Ready' && c.status === 'True',
    );
    const service = pod.metadata.labels?.['slipway.dev/service'];
    if (ready && service && !lastReadyAt.has(`${service}/${pod.metadata.name}`)) {
      lastReadyAt.set(`${service}/${pod.metadata.name}`, performance.now());
      lastReadyAt.set(service, performance.now());
    }
  };
  void watchCollection(
    kc,
    { apiVersion: 'v1', kind: 'Pod', namespace },
    { onSync: (pods) => pods.forEach(seen), onEvent: (_t, pod) => seen(pod) },
    controller.signal,
  );
  return { lastReadyAt, stop: () => controller.abort() };
}

async function throughKubectl(kubeconfig: string, namespace: string, objects: KubeObject[]) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-kubectl-'));
  const file = join(dir, 'objects.yaml');
  const moved = objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace } }));
  writeFileSync(file, moved.map((o) => stringify(o)).join('---\n'));
  const k = (...args: string[]) => execFileSync(kubectl(), ['--kubeconfig', kubeconfig, ...args], { stdio: 'pipe' });
  k('create', 'namespace', namespace);
  const started = performance.now();
  k('apply', '--server-side', '--field-manager=bench', '-f', file);
  const applied = performance.now();
  k('wait', '--for=condition=Available', 'deployment', '--all', '-n', namespace, '--timeout=300s');
  const done = performance.now();
  return { seconds: (done - started) / 1000, applySeconds: (applied - started) / 1000 };
}

function countKinds(objects: KubeObject[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of objects) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
  return counts;
}

async function deleteNamespaces(kc: KubeConfig, tag: string) {
  const core = kc.makeApiClient(CoreV1Api);
  for (const name of [`bench-slipway-${tag}`, `bench-kubectl-${tag}`])
    await core.deleteNamespace({ name }).catch(() => {});
}

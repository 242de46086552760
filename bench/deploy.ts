/**
 * bench/deploy: 100 services (Deployment, Service, ConfigMap, Ingress each) deployed through
 * Slipway's HTTP API until every release is Healthy, against `kubectl apply --server-side`
 * of the very same objects followed by `kubectl wait` until every Deployment is Available,
 * on the same cluster in the same run. Also: how long after a service's last pod turned
 * Ready its release was marked Healthy (goal: ≤ 1 s), the ratio (goal: ≤ 1.2×; ≤ 1.0× at
 * 1,000 services) and the server's memory. The server runs as a process of its own.
 *
 *   npm run bench -- deploy [services=100] [concurrency=10]
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { type KubeObject, slipwayLabels } from '@slipway/core';
import { reuseConnections, watchCollection } from '@slipway/server';
import { parse, stringify } from 'yaml';
import { copyMigratedPglite } from '../packages/server/test/harness/migrated-template.ts';
import { benchCluster, kubectl } from './lib/cluster.ts';
import { postgresDatabaseUrl } from './lib/postgres.ts';
import { type Replica, startReplicas, until } from './lib/replicas.ts';
import { round, summarize } from './lib/stats.ts';
import { type BenchPeople, type Call, setUpTeamOverApi } from './lib/team.ts';

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
    const slipway = await throughSlipway(kc, cluster.kubeconfig, `bench-slipway-${tag}`, names, concurrency);
    const kinds = countKinds(slipway.objects);
    const raw = await throughKubectl(cluster.kubeconfig, `bench-kubectl-${tag}`, slipway.objects);
    const verdict = summarize(slipway.readyToHealthyMs);
    const controllers = summarize(slipway.controllerLagsMs);
    const own = summarize(slipway.availableToHealthyMs);
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
      ready_to_healthy_max_ms: round(Math.max(...slipway.readyToHealthyMs), 1),
      ready_to_available_p50_ms: controllers.p50,
      available_to_healthy_p50_ms: own.p50,
      available_to_healthy_p99_ms: own.p99,
      engine_apply_p50_ms: slipway.applyMs.p50,
      event_loop_delay_p99_ms: slipway.eventLoopP99Ms,
      database: process.env.SLIPWAY_BENCH_DATABASE_URL ? 'postgres' : 'pglite',
      server_rss_mb: slipway.rssMb,
      server_peak_rss_mb: slipway.peakRssMb,
    };
    console.log(
      [
        `${services} services, ${slipway.objects.length} objects (${Object.entries(kinds)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')})`,
        `  slipway  ${figures.slipway_s} s  from the first API call to every release Healthy (${concurrency} deploys in flight)`,
        `  kubectl  ${figures.kubectl_s} s  apply --server-side (${figures.kubectl_apply_s} s) + wait until every Deployment is Available`,
        `  ratio    ${figures.ratio}× (goal ≤ 1.2×; ≤ 1.0× at 1,000 services)`,
        `  last pod Ready → release Healthy (stored, as GET /releases then returns it): p50 ${verdict.p50} ms, p99 ${verdict.p99} ms, max ${figures.ready_to_healthy_max_ms} ms (goal ≤ 1000 ms)`,
        `    of which pod Ready → Deployment Available (kube-controller-manager): p50 ${controllers.p50} ms; Available → Healthy (Slipway): p50 ${own.p50} ms, p99 ${own.p99} ms`,
        `  engine apply per release p50 ${figures.engine_apply_p50_ms} ms; the server's event-loop delay p99 ${figures.event_loop_delay_p99_ms} ms`,
        `  server RSS at the end ${figures.server_rss_mb} MB, at most ${figures.server_peak_rss_mb} MB, on ${figures.database} (goal on PostgreSQL ≤ 400 MB)`,
      ].join('\n'),
    );
    return figures;
  } finally {
    await deleteNamespaces(kc, tag);
    cluster.stop();
  }
}

async function throughSlipway(
  kc: KubeConfig,
  kubeconfig: string,
  namespace: string,
  names: string[],
  concurrency: number,
) {
  // The server in a process of its own, as it runs for people: its RSS and event loop are its
  // own, and this process's watches and bookkeeping take nothing from it. On the embedded
  // database by default (a data directory migrated from the tests' template); on PostgreSQL
  // with SLIPWAY_BENCH_DATABASE_URL.
  const dir = mkdtempSync(join(tmpdir(), 'bench-deploy-'));
  const adminUrl = process.env.SLIPWAY_BENCH_DATABASE_URL;
  const dataDir = join(dir, 'data');
  // A database of the run's own on that server (a second run on the same one found the first's team).
  const postgres = adminUrl ? await postgresDatabaseUrl(adminUrl, 'deploy') : undefined;
  if (!postgres) await copyMigratedPglite(dataDir);
  // Node's flags for the server, to see what they change: SLIPWAY_BENCH_SERVER_FLAGS="--max-old-space-size=256".
  const nodeFlags = process.env.SLIPWAY_BENCH_SERVER_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
  const database = postgres ? { databaseUrl: postgres.url } : { dataDir };
  const [server] = await startReplicas(1, { dir, kubeconfig, nodeFlags, ...database });
  if (!server) throw new Error('the server did not start');
  try {
    return await deployAll(server, kc, namespace, names, concurrency);
  } finally {
    await server.stop();
    await postgres?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function deployAll(server: Replica, kc: KubeConfig, namespace: string, names: string[], concurrency: number) {
  // A developer of team bench, which then owns the environment and every service deployed.
  const { admin, developer } = await setUpTeamOverApi(server.token, server.url);
  await defineLoadTestType(admin.call);
  await developer.call('PUT', '/environments/bench', {
    type: 'load-test',
    namespace,
    domain: 'bench.example.com',
    // Development's 120 s deadline runs from each apply; at 1,000 services kube-controller-manager
    // takes minutes to work through the new Deployments, for kubectl's run as much as ours.
    defaults: { replicas: 1, progressDeadlineSeconds: 600 },
  });

  const podsReady = followPodReadiness(kc, namespace);
  const available = followAvailability(kc, namespace);
  try {
    return await measureDeploys(server, developer, names, concurrency, podsReady, available);
  } finally {
    podsReady.stop();
    available.stop();
  }
}

async function measureDeploys(
  server: Replica,
  developer: BenchPeople['developer'],
  names: string[],
  concurrency: number,
  podsReady: ReturnType<typeof followPodReadiness>,
  available: ReturnType<typeof followAvailability>,
) {
  const headers = { authorization: `Bearer ${developer.token}`, 'content-type': 'application/json' };
  // Read now so the run's event-loop delay starts here (the server's histogram restarts at each read).
  await serverMetrics(server.url);
  const started = epochMs();
  let next = 0;
  const serviceOf = new Map<string, string>();
  const deploys = Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < names.length) {
        const name = names[next++] as string;
        const res = await fetch(`${server.url}/api/v1/deploys`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ environment: 'bench', workload: score(name) }),
        });
        if (res.status !== 202) throw new Error(`deploy of ${name} answered ${res.status}: ${await res.text()}`);
        const { release } = (await res.json()) as { release: { id: string } };
        serviceOf.set(release.id, name);
      }
    }),
  );
  // The engine logs each release's outcome once it is stored: what GET /releases then returns.
  const finished = () => server.said('release finished');
  await deploys;
  await until(
    `all ${names.length} releases Healthy`,
    () => {
      if (server.exited) throw new Error(`the server exited; its log: ${server.logFile}`);
      const failed = finished().find((l) => l.status !== 'healthy');
      if (failed) throw new Error(`release #${failed.number} ended ${failed.status}`);
      return finished().length >= names.length;
    },
    900_000,
    50,
  );
  const metrics = await serverMetrics(server.url);
  const peakRssMb = peakRss(server);

  const healthyAt = new Map(finished().map((l) => [serviceOf.get(String(l.release)) ?? '', Number(l.time)]));
  const seconds = (Math.max(...healthyAt.values()) - started) / 1000;
  const lag = (to: Map<string, number>, from: Map<string, number>) =>
    names.map((n) => (to.get(n) ?? 0) - (from.get(n) ?? 0));
  return {
    seconds,
    readyToHealthyMs: lag(healthyAt, podsReady.lastReadyAt),
    controllerLagsMs: lag(available.at, podsReady.lastReadyAt),
    availableToHealthyMs: lag(healthyAt, available.at),
    applyMs: summarize(server.said('release applied').map((l) => Number(l.applyMs))),
    eventLoopP99Ms: round(metrics.eventLoopP99Seconds * 1000, 1),
    rssMb: Math.round(metrics.rssBytes / 1e6),
    peakRssMb,
    objects: await exportedObjects(developer.call),
  };
}

const epochMs = () => performance.timeOrigin + performance.now();

/** What the server says of itself on /metrics: its RSS and its event loop's delay since the last read. */
async function serverMetrics(url: string): Promise<{ rssBytes: number; eventLoopP99Seconds: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(text)?.[1] ?? Number.NaN);
  return {
    rssBytes: value('slipway_process_resident_memory_bytes'),
    eventLoopP99Seconds: value('slipway_nodejs_eventloop_lag_p99_seconds'),
  };
}

/** The most the server's process held at once (Linux's VmHWM), in MB. */
function peakRss(server: Replica): number {
  const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  return Math.round(Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN) / 1000);
}

/** The services' objects as Slipway applied them, from the environment's export (without its own namespace-wide ones). */
async function exportedObjects(call: Call): Promise<KubeObject[]> {
  const { files } = (await call('POST', '/environments/bench/export', {})).json as {
    files: Array<{ path: string; content: string }>;
  };
  return files
    .filter((f) => f.path !== 'kustomization.yaml')
    .map((f) => parse(f.content) as KubeObject)
    .filter((o) => o.metadata.labels?.[slipwayLabels.service]);
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
    if (done && !at.has(d.metadata.name)) at.set(d.metadata.name, epochMs());
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
      lastReadyAt.set(`${service}/${pod.metadata.name}`, epochMs());
      lastReadyAt.set(service, epochMs());
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

/**
 * bench/verify: many releases verifying at once — what the engine's verification costs.
 *
 * `npm run bench -- verify [releases=200] [interval=10] [window=60]`
 *
 * `releases` services each get a release that has just become Healthy in an environment whose
 * type has two checks (error ratio and p99 latency, the PromQL of docs/metrics.md), sampled
 * every `interval` seconds for `window` seconds. The real engine verifies them all at once
 * against a real Prometheus (SLIPWAY_BENCH_PROMETHEUS_URL or SLIPWAY_TEST_PROMETHEUS_URL, else
 * one of testbed/prometheus.sh the bench starts and stops), on PGlite. Measured: the PromQL
 * queries the engine sent (a counting sampler around the real metrics service) against one per
 * check per interval, and the server process's CPU over the window as a share of one core.
 * Baseline, in the same run: the same queries sent by a bare loop of the Prometheus client with
 * nothing stored, for the same window — the least any verifier must spend.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expectedSamples, startVerification, withCheckDefaults } from '@slipway/core';
import {
  assemblePlatform,
  type CheckSampler,
  DeployEngine,
  listReleases,
  loadConfig,
  type SampleTarget,
  type Schema,
} from '@slipway/server';
import type { Kysely } from 'kysely';
import { openBenchPglite } from './lib/pglite.ts';
import { round } from './lib/stats.ts';

const exec = promisify(execFile);
const quiet = { info() {}, warn() {}, error() {} };

const checks = (interval: number, window: number) =>
  [
    {
      name: 'error-ratio',
      query:
        '(sum(rate(http_requests_total{namespace="$namespace",service="$service",code=~"5.."}[1m])) or vector(0))' +
        ' / sum(rate(http_requests_total{namespace="$namespace",service="$service"}[1m]))',
      condition: { op: '<' as const, threshold: 0.01 },
    },
    {
      name: 'latency-p99',
      query:
        'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="$namespace",service="$service"}[1m])))',
      condition: { op: '<' as const, threshold: 0.5 },
    },
  ].map((c) => withCheckDefaults({ ...c, intervalSeconds: interval, durationSeconds: window, inconclusive: 'pass' }));

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const [releases = 200, interval = 10, window = 60] = args.map(Number);
  const prometheus = await prometheusUrl();
  try {
    return await measure(releases, interval, window, prometheus.url);
  } finally {
    await prometheus.stop();
  }
}

async function measure(releases: number, interval: number, window: number, url: string) {
  const database = await openBenchPglite();
  const config = loadConfig({ env: { SLIPWAY_PROMETHEUS_URL: url } });
  const platform = await assemblePlatform({ config, db: database.db, kube: null, keyRing: null, seed: 'bench' });
  const written = checks(interval, window);
  try {
    const targets = await seed(database.db, releases, written);
    let queries = 0;
    const counting: CheckSampler = {
      sample: (target, query, at) => {
        queries++;
        return platform.metrics.sample(target, query, at);
      },
    };
    const engine = new DeployEngine({ db: database.db, clusters: platform.clusters, sampler: counting, log: quiet });
    const slipway = await cpuOver(async () => {
      const done = allFinished(engine, releases, window);
      engine.start();
      await done;
    });
    await engine.stop();
    const stored = await listReleases(database.db, { limit: releases });
    const healthy = stored.filter((r) => r.status === 'healthy').length;
    const baseline = await cpuOver(() => bareLoop(platform, written, targets, slipway.wallS));
    const expected = releases * written.reduce((n, c) => n + expectedSamples(c), 0);
    const figures = {
      releases,
      checks: written.length,
      interval_s: interval,
      window_s: window,
      queries,
      expected_queries: expected,
      queries_per_check_interval: round(queries / expected, 3),
      healthy,
      slipway_wall_s: round(slipway.wallS, 1),
      slipway_cpu_pct: round(slipway.cpuPct, 2),
      baseline_queries: baseline.result,
      baseline_cpu_pct: round(baseline.cpuPct, 2),
      ratio_cpu: round(slipway.cpuPct / baseline.cpuPct, 2),
    };
    console.log(
      [
        `${releases} releases × ${written.length} checks, every ${interval} s for ${window} s, all at once (PGlite, real Prometheus)`,
        `engine:   ${queries} queries (${expected} expected: ${figures.queries_per_check_interval} per check per interval), ${healthy} healthy, ${figures.slipway_cpu_pct} % of one core over ${figures.slipway_wall_s} s`,
        `baseline: ${baseline.result} bare queries, ${figures.baseline_cpu_pct} % of one core; ratio ${figures.ratio_cpu}`,
      ].join('\n'),
    );
    return figures;
  } finally {
    await platform.stop();
    await database.close();
  }
}

/** Services, one environment of a type with the checks, and a release each that has just become Healthy. */
async function seed(db: Kysely<Schema>, releases: number, written: ReturnType<typeof checks>) {
  const spec = {
    description: '',
    defaults: { replicas: 1, progressDeadlineSeconds: 60 },
    policies: [],
    requiresApproval: false,
    approvalTtlSeconds: 86_400,
    ttlSeconds: null,
    verification: { checks: written },
  };
  await db
    .insertInto('environment_types')
    .values({ name: 'verified', spec: JSON.stringify(spec) })
    .execute();
  const [env] = await db
    .insertInto('environments')
    .values({ name: 'stage', type: 'verified', namespace: 'bench-verify', settings: '{}' })
    .returning('id')
    .execute();
  const services = await db
    .insertInto('services')
    .values(Array.from({ length: releases }, (_, i) => ({ name: `svc-${i}` })))
    .returning(['id', 'name'])
    .execute();
  const now = new Date();
  const verification = JSON.stringify(startVerification(written, now.getTime()));
  await db
    .insertInto('releases')
    .values(
      services.map((s) => ({
        service_id: s.id,
        environment_id: env?.id as string,
        number: 1,
        status: 'verifying' as const,
        content_hash: 'bench',
        image: 'nginx:1.27',
        commit_sha: null,
        created_by: 'bench',
        reason: null,
        workload: '{}',
        objects: '[]',
        started_at: now,
        verification,
      })),
    )
    .execute();
  const environment = { id: env?.id as string, name: 'stage', context: { namespace: 'bench-verify' } };
  return services.map((service) => ({ clusterId: null, service, environment, objects: [] }));
}

/** Waits for the engine to end every verification: its events, so the bench adds no queries of its own. */
function allFinished(engine: DeployEngine, releases: number, window: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let finished = 0;
    const timer = setTimeout(
      () => reject(new Error(`${releases - finished} of ${releases} releases still verifying after the window`)),
      (window + 120) * 1000,
    );
    engine.events.on('release', (event) => {
      if (event.phase !== 'healthy' && event.phase !== 'failed') return;
      if (++finished < releases) return;
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The same queries from a plain loop: each check of each service every interval, nothing stored. */
async function bareLoop(
  platform: Awaited<ReturnType<typeof assemblePlatform>>,
  written: ReturnType<typeof checks>,
  targets: SampleTarget[],
  wallS: number,
): Promise<number> {
  let sent = 0;
  const end = Date.now() + wallS * 1000;
  const ticks = written.map(async (check) => {
    while (Date.now() < end) {
      const at = new Date();
      sent += targets.length;
      await Promise.all(targets.map((target) => platform.metrics.sample(target, check.query, at)));
      await new Promise((r) => setTimeout(r, Math.max(0, Math.min(check.intervalSeconds * 1000, end - Date.now()))));
    }
  });
  await Promise.all(ticks);
  return sent;
}

async function cpuOver<T>(task: () => Promise<T>): Promise<{ result: T; wallS: number; cpuPct: number }> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = await task();
  const wallUs = Number(process.hrtime.bigint() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { result, wallS: wallUs / 1e6, cpuPct: ((used.user + used.system) / wallUs) * 100 };
}

async function prometheusUrl(): Promise<{ url: string; stop: () => Promise<void> }> {
  const given = process.env.SLIPWAY_BENCH_PROMETHEUS_URL ?? process.env.SLIPWAY_TEST_PROMETHEUS_URL;
  if (given) return { url: given, stop: async () => {} };
  const script = new URL('../testbed/prometheus.sh', import.meta.url).pathname;
  const { stdout } = await exec('bash', [script, 'start', 'bench-verify']);
  const url = stdout.trim().split('\n').at(-1) ?? '';
  return { url, stop: () => exec('bash', [script, 'stop', 'bench-verify']).then(() => {}) };
}

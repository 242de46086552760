/**
 * Every benchmark, run at a smoke size through `npm run bench -- NAME ARGS` in a child
 * process, so none can rot unseen: it must finish, and its last line must be the JSON of its
 * figures with the counts asked for and sane values. Timings are never asserted (they belong
 * to the benchmarks' own reports); a figure only has to be a real, positive number.
 *
 * The benchmarks are listed the way `npm run bench` lists them (bench/lib/list.ts), and one
 * without a smoke size below fails. The ones that need a cluster reuse the test run's
 * (SLIPWAY_TEST_KUBECONFIG, handed on as SLIPWAY_BENCH_KUBECONFIG) in namespaces of their own,
 * instead of starting one each.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, test } from 'node:test';
import { listBenchmarks } from './lib/list.ts';

interface Smoke {
  args: string[];
  /** Figures that must equal what was asked for. */
  counts: Record<string, number>;
  /** Figures that must be numbers above zero. */
  positive: string[];
  /** Other checks of the figures. */
  check?: (figures: Record<string, unknown>) => void;
  /** A longer bound than the others' 480 s, for a run that starts several servers. */
  timeoutMs?: number;
}

const smokeSizes: Record<string, Smoke> = {
  api: {
    args: ['100', '4', '2', '4'],
    counts: { requests: 100, concurrency: 4 },
    positive: ['slipway_rps', 'baseline_rps', 'slipway_p50_ms', 'baseline_p50_ms', 'ratio_p50', 'ratio_throughput'],
  },
  catalog: {
    args: ['3', '5', '2'],
    // 20 entities per generated repository (bench/catalog/fixtures.ts).
    counts: { repos: 3, entities: 60, entities_with_issues: 0, concurrency: 2 },
    positive: [
      'relations',
      'ingest_s',
      'baseline_clone_s',
      'baseline_clone_before_s',
      'baseline_clone_after_s',
      'ingest_ratio_to_clone',
      'baseline_clone_cpu_s',
      'ingest_cpu_ratio_to_clone',
      'filtered_p50_ms',
    ],
    check: (f) => {
      assert.equal(f.refresh_unchanged_results, 'unchanged');
      for (const query of [
        'filtered',
        'paginated',
        'full_text',
        'facets',
        'facets_uncached',
        'backstage_by_query',
        'baseline_sql',
      ])
        assert.ok((f[`${query}_p99_ms`] as number) > 0, `${query}_p99_ms`);
    },
  },
  deploy: {
    args: ['5', '5'],
    counts: { services: 5 },
    positive: ['objects', 'slipway_s', 'kubectl_s', 'ratio', 'ready_to_healthy_p50_ms', 'engine_apply_p50_ms'],
    check: (f) => {
      const kinds = f.kinds as Record<string, number>;
      assert.equal(kinds.Deployment, 5);
      assert.equal(
        Object.values(kinds).reduce((a, b) => a + b, 0),
        f.objects,
      );
    },
  },
  'live-status': {
    args: ['2', '2', '1'],
    counts: { streams: 2, changes: 2, pages: 1 },
    positive: ['watch_p50_ms', 'sse_p50_ms', 'sse_p99_ms', 'page_p50_ms', 'page_p99_ms', 'ratio_p99'],
  },
  policy: {
    args: ['50', '20'],
    // Policy 1 of every 5 checks replicas >= i % 4; 2 replicas fail it for i % 4 == 3: i = 11, 31.
    counts: { policies: 50, samples: 20, violations: 2 },
    positive: ['compile_ms', 'cel_p50_ms', 'cel_p99_ms', 'baseline_p99_ms', 'ratio_p99'],
  },
  notify: {
    args: ['100', '4', '50'],
    // Receiver 2 of 4 always fails: its 25 events end dead, the other 75 delivered.
    counts: { events: 100, receivers: 4, delivered: 75, dead: 25, left: 0 },
    positive: ['healthy_p50_ms', 'healthy_p99_ms', 'slow_p99_ms', 'baseline_post_p50_ms', 'total_s'],
  },
  verify: {
    args: ['5', '10', '10'],
    counts: { releases: 5, checks: 2, queries: 20, expected_queries: 20, healthy: 5 },
    positive: ['slipway_cpu_pct', 'baseline_cpu_pct', 'ratio_cpu', 'baseline_queries'],
  },
  dora: {
    args: ['2000', '20', '5'],
    counts: { releases: 2000, services: 20, teams: 1, samples: 5 },
    positive: ['production_releases', 'pglite_org_12w_p50_ms', 'pglite_org_12w_sql_p50_ms', 'pglite_worst_p99_ms'],
    check: (f) => {
      // Every query kind on every database measured (PostgreSQL where the test run has one).
      const engines = ['pglite', ...(process.env.SLIPWAY_TEST_POSTGRES_URL ? ['postgres'] : [])];
      for (const engine of engines)
        for (const query of [
          'org_12w',
          'team_12w',
          'service_12w',
          'org_52w',
          'org_104w',
          'by_service_12w',
          'by_team_12w',
        ])
          for (const figure of ['p99_ms', 'sql_p99_ms', 'rows'])
            assert.ok((f[`${engine}_${query}_${figure}`] as number) > 0, `${engine}_${query}_${figure}`);
      assert.match(f.answers_sha256 as string, /^[0-9a-f]{16}$/);
    },
  },
  failover: {
    // One kill on a 6 s Lease; the figures are timings, so only their presence is checked.
    args: ['1', '6'],
    counts: { kills: 1, lease_duration_ms: 6000 },
    positive: ['applied_after_kill_p50_ms', 'takeover_p50_ms', 'takeover_p99_ms', 'retry_period_ms'],
    // Three server processes starting beside the suite: they took 282 s to answer in CI on
    // 2026-12-06, where the same run takes 150 s beside a CI run alone.
    timeoutMs: 600_000,
  },
  preview: {
    args: ['1'],
    counts: { services: 5, rounds: 1 },
    positive: ['objects', 'slipway_p50_s', 'webhook_answer_p50_ms', 'kubectl_p50_s', 'ratio'],
  },
};

// A bound for a stuck run, not a figure: at smoke size a benchmark is mostly its setup (a
// database migrated, servers started), which took 160 s for the api benchmark in a CI run on
// an idle machine and ran past 300 s when that machine was busier.
const timeoutMs = 480_000;
const repo = new URL('..', import.meta.url).pathname;

// Three at a time: all ten at once beside the other test files starved the ones that start
// several servers (failover's fourth replica took over 100 s to start, and the run hit its timeout).
describe('benchmarks at smoke size', { concurrency: 3 }, () => {
  const benchmarks = listBenchmarks().map((b) => b.name);

  test('every benchmark has a smoke size, and every smoke size a benchmark', () => {
    assert.deepEqual(Object.keys(smokeSizes).sort(), benchmarks);
  });

  for (const name of benchmarks) {
    const smoke = smokeSizes[name];
    if (!smoke) continue; // reported by the test above
    const bound = smoke.timeoutMs ?? timeoutMs;
    test(`npm run bench -- ${name} ${smoke.args.join(' ')}`, { timeout: bound + 10_000 }, async () => {
      const figures = await runBench(name, smoke.args, bound);
      assert.equal(figures.bench, name);
      for (const [figure, value] of Object.entries(figures)) saneValue(figure, value);
      for (const [figure, count] of Object.entries(smoke.counts)) assert.equal(figures[figure], count, figure);
      for (const figure of smoke.positive) {
        assert.equal(typeof figures[figure], 'number', `${figure} is missing`);
        assert.ok((figures[figure] as number) > 0, `${figure} = ${figures[figure]}`);
      }
      smoke.check?.(figures);
    });
  }
});

/** JSON writes NaN and ±Infinity (a summary of no samples) as null: never a sane figure. */
function saneValue(figure: string, value: unknown): void {
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) saneValue(`${figure}.${key}`, inner);
    return;
  }
  assert.ok(['number', 'string', 'boolean'].includes(typeof value), `${figure} is ${JSON.stringify(value)}`);
  if (typeof value === 'number') assert.ok(Number.isFinite(value), `${figure} is ${value}`);
}

function clusterForBenchmarks(): string {
  const kubeconfig = process.env.SLIPWAY_BENCH_KUBECONFIG ?? process.env.SLIPWAY_TEST_KUBECONFIG;
  if (!kubeconfig) {
    throw new Error(
      'SLIPWAY_TEST_KUBECONFIG is not set: start the local cluster with `testbed/cluster.sh start` ' +
        'and export SLIPWAY_TEST_KUBECONFIG=$(testbed/cluster.sh kubeconfig), or run scripts/test.sh',
    );
  }
  return kubeconfig;
}

/** Runs the benchmark as a person would, and returns the figures of its last line. */
async function runBench(name: string, args: string[], boundMs: number): Promise<Record<string, unknown>> {
  const child = spawn('npm', ['run', '--silent', 'bench', '--', name, ...args], {
    cwd: repo,
    env: { ...process.env, SLIPWAY_BENCH_KUBECONFIG: clusterForBenchmarks() },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a timeout stops npm, the shell and the benchmark together.
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGTERM'), boundMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  // Chromium's own log lines (live-status) would bury the error.
  const errors = stderr
    .split('\n')
    .filter((line) => !/^\s*\[pid=\d+\]/.test(line))
    .join('\n');
  const output = `stdout:\n${stdout.slice(-4000)}\nstderr:\n${errors.slice(-4000)}`;
  assert.equal(code, 0, `npm run bench -- ${name} ended with ${code}\n${output}`);
  const last = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as Record<string, unknown>;
  } catch {
    assert.fail(`the last line of npm run bench -- ${name} is not JSON: ${last}\n${output}`);
  }
}

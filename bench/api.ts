/**
 * bench/api: the cost of Slipway's HTTP stack on an authenticated read.
 *
 * Slipway: `GET /api/v1/whoami` on the real server (Fastify, schema serialisation, the token
 * and the caller's roles, metrics), on PGlite and, when a PostgreSQL server is named
 * (bench/lib/postgres.ts), on PostgreSQL. Baseline: a bare node:http server answering the same
 * JSON from memory, in the same process and run, measured right after each. The ratio is the
 * overhead a user pays per API call for routing, auth and persistence.
 *
 * On PostgreSQL a second part runs `replicas` servers on the one database (in this process,
 * so they share its cores: a harder case than replicas on machines of their own) with
 * `crowd` clients spread over them, and reports the read p99.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp, createToken, type Database, ensureUser, loadConfig } from '@slipway/server';
import { openBenchPglite } from './lib/pglite.ts';
import { benchPostgresUrl, postgresDatabase } from './lib/postgres.ts';
import { round, summarize, timeAll } from './lib/stats.ts';

type Figures = Record<string, number | string>;

export async function run(args: string[]) {
  const total = Number(args[0] ?? 3000);
  const concurrency = Number(args[1] ?? 8);
  const replicas = Number(args[2] ?? 3);
  const crowd = Number(args[3] ?? 50);
  const figures: Figures = { requests: total, concurrency };
  const lines = [`authenticated GET, ${total} requests, ${concurrency} in flight`];

  const pglite = await openBenchPglite();
  try {
    await measureEngine('pglite', [pglite], total, concurrency, figures, lines);
  } finally {
    await pglite.close();
  }

  const adminUrl = benchPostgresUrl();
  if (adminUrl) {
    const postgres = await postgresDatabase(adminUrl, 'api');
    const more: Database[] = [];
    try {
      await measureEngine('postgres', [postgres.database], total, concurrency, figures, lines);
      for (let i = 1; i < replicas; i++) more.push(await postgres.open());
      figures.replicas = replicas;
      figures.crowd = crowd;
      lines.push(`${replicas} servers on one PostgreSQL, ${crowd} clients spread over them:`);
      await measureEngine('replicas', [postgres.database, ...more], total, crowd, figures, lines);
    } finally {
      for (const d of more) await d.close();
      await postgres.database.close();
      await postgres.drop();
    }
  } else {
    lines.push('PostgreSQL: not measured (set SLIPWAY_BENCH_DATABASE_URL or SLIPWAY_TEST_POSTGRES_URL)');
  }
  console.log(lines.join('\n'));
  return figures;
}

/** Serves whoami from one app per database (all on the same data), against bare node:http. */
async function measureEngine(
  label: string,
  databases: Database[],
  total: number,
  concurrency: number,
  figures: Figures,
  lines: string[],
) {
  const first = databases[0] as Database;
  const user = await ensureUser(first.db, 'bench');
  const { secret } = await createToken(first.db, { userId: user.id, name: `bench-${label}`, scopes: ['read'] });
  const apps = await Promise.all(
    databases.map((database) => buildApp({ config: loadConfig({ env: {} }), database, kube: null })),
  );
  const urls = await Promise.all(apps.map((app) => app.listen({ host: '127.0.0.1', port: 0 })));
  const body = JSON.stringify({ user: { id: user.id, username: 'bench' } });
  const bare = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;

  let turn = 0;
  const get = (url: () => string) => async () => {
    const target = url();
    const res = await fetch(target, { headers: { authorization: `Bearer ${secret}` } });
    if (res.status !== 200) throw new Error(`${target} answered ${res.status}`);
    await res.arrayBuffer();
  };
  const slipwayUrl = () => `${urls[turn++ % urls.length]}/api/v1/whoami`;
  try {
    // Warm both paths (JIT, connection pools, database caches) before measuring: as many
    // requests as half a measured run, at least 300. With 300 at full size, the PGlite part,
    // which runs first, still measured V8 optimising Fastify's paths (1.8-2.8x between runs).
    const warmUp = Math.max(300, Math.round(total / 2));
    await timeAll(warmUp, concurrency, get(slipwayUrl));
    await timeAll(
      warmUp,
      concurrency,
      get(() => bareUrl),
    );
    const t0 = performance.now();
    const slipway = summarize(await timeAll(total, concurrency, get(slipwayUrl)));
    const t1 = performance.now();
    const baseline = summarize(
      await timeAll(
        total,
        concurrency,
        get(() => bareUrl),
      ),
    );
    const t2 = performance.now();
    const rps = (ms: number) => round((total / ms) * 1000, 0);
    const own: Figures = {
      slipway_rps: rps(t1 - t0),
      baseline_rps: rps(t2 - t1),
      slipway_p50_ms: slipway.p50,
      slipway_p99_ms: slipway.p99,
      baseline_p50_ms: baseline.p50,
      baseline_p99_ms: baseline.p99,
      ratio_p50: round(slipway.p50 / baseline.p50, 2),
      ratio_throughput: round((t1 - t0) / (t2 - t1), 2),
    };
    // PGlite's figures keep their first names, so earlier runs stay comparable.
    for (const [key, value] of Object.entries(own)) figures[label === 'pglite' ? key : `${label}_${key}`] = value;
    lines.push(
      `  ${label.padEnd(9)} ${own.slipway_rps} req/s  p50 ${slipway.p50} ms  p99 ${slipway.p99} ms`,
      `  baseline  ${own.baseline_rps} req/s  p50 ${baseline.p50} ms  p99 ${baseline.p99} ms  (bare node:http)`,
      `  ratio     ${own.ratio_p50}× p50 latency, ${own.ratio_throughput}× time per request`,
    );
  } finally {
    await Promise.all(apps.map((app) => app.close()));
    bare.close();
  }
}

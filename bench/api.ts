/**
 * bench/api: the cost of Slipway's HTTP stack on an authenticated read.
 *
 * Slipway: `GET /api/v1/whoami` on the real server (Fastify, schema serialisation, token
 * lookup by hash in the embedded PGlite database, metrics). Baseline: a bare node:http
 * server answering the same JSON from memory, in the same process and run. The ratio is
 * the overhead a user pays per API call for routing, auth and persistence.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp, createToken, ensureUser, loadConfig, openDatabase } from '@slipway/server';
import { round, summarize, timeAll } from './lib/stats.ts';

export async function run(args: string[]) {
  const total = Number(args[0] ?? 3000);
  const concurrency = Number(args[1] ?? 8);

  const database = await openDatabase({ engine: 'pglite', dataDir: 'memory://' });
  const app = await buildApp({ config: loadConfig({ env: {} }), database, kube: null });
  const user = await ensureUser(database.db, 'bench');
  const { secret } = await createToken(database.db, { userId: user.id, name: 'bench', scopes: ['read'] });
  const slipwayUrl = await app.listen({ host: '127.0.0.1', port: 0 });

  const body = JSON.stringify({ user: { id: user.id, username: 'bench' } });
  const bare = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;

  const get = (url: string) => async () => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${secret}` } });
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    await res.arrayBuffer();
  };
  // Warm both paths (JIT, connection pools, PGlite caches) before measuring.
  await timeAll(300, concurrency, get(`${slipwayUrl}/api/v1/whoami`));
  await timeAll(300, concurrency, get(bareUrl));

  const t0 = performance.now();
  const slipway = summarize(await timeAll(total, concurrency, get(`${slipwayUrl}/api/v1/whoami`)));
  const t1 = performance.now();
  const baseline = summarize(await timeAll(total, concurrency, get(bareUrl)));
  const t2 = performance.now();

  await app.close();
  await database.close();
  bare.close();

  const rps = (ms: number) => round((total / ms) * 1000, 0);
  const figures = {
    requests: total,
    concurrency,
    slipway_rps: rps(t1 - t0),
    baseline_rps: rps(t2 - t1),
    slipway_p50_ms: slipway.p50,
    slipway_p99_ms: slipway.p99,
    baseline_p50_ms: baseline.p50,
    baseline_p99_ms: baseline.p99,
    ratio_p50: round(slipway.p50 / baseline.p50, 2),
    ratio_throughput: round(rps(t2 - t1) / rps(t1 - t0), 2),
  };
  console.log(
    [
      `authenticated GET, ${total} requests, ${concurrency} in flight`,
      `  slipway   ${figures.slipway_rps} req/s  p50 ${slipway.p50} ms  p99 ${slipway.p99} ms`,
      `  baseline  ${figures.baseline_rps} req/s  p50 ${baseline.p50} ms  p99 ${baseline.p99} ms  (bare node:http)`,
      `  ratio     ${figures.ratio_p50}× p50 latency, ${figures.ratio_throughput}× time per request`,
    ].join('\n'),
  );
  return figures;
}

/**
 * bench/notify: notifications through the outbox to real HTTP receivers.
 *
 * `npm run bench -- notify [events=10000] [receivers=20] [rate=50]`
 *
 * `receivers` local HTTP servers subscribe, each to the events of one service: most answer at
 * once, one in ten answers after 300 ms (slow), one in ten always answers 500 (failing). The
 * bench writes `events` events, one transaction each as the engine does, `rate` a second
 * spread over the services, and waits until every delivery is delivered or dead. Figures: the
 * time from an event's transaction to its arrival at a healthy receiver (p50/p99; goal p99 ≤ 1 s),
 * the same for slow ones, the counts by status (goal: nothing left pending), and the growth of
 * this process's RSS (the server runs in it; goal ≤ 50 MB). Baseline, in the same run: the
 * healthy receivers' round trip for a direct POST, without the outbox.
 *
 * The database is PostgreSQL when one is named (bench/lib/postgres.ts), as replicas run it, else
 * PGlite in memory; `engine` says which. On PGlite the run once froze: docs/benchmarks.md says
 * why and what changed.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  countDeliveries,
  emitNotification,
  KeyRing,
  NotificationDispatcher,
  NotificationService,
} from '@slipway/server';
import { openBenchPglite } from './lib/pglite.ts';
import { benchPostgresUrl, postgresDatabase } from './lib/postgres.ts';
import { round, summarize } from './lib/stats.ts';

type Behaviour = 'healthy' | 'slow' | 'failing';

function behaviourOf(i: number, receivers: number): Behaviour {
  if (receivers >= 4 && i % 10 === 1) return 'slow';
  if (receivers >= 4 && i % 10 === 2) return 'failing';
  if (receivers < 4 && i === 1) return 'slow';
  if (receivers < 4 && i === 2) return 'failing';
  return 'healthy';
}

async function receiver(behaviour: Behaviour, latencies: number[]) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const sentAt = body?.data?.data?.sentAt;
      const answer = () => {
        if (behaviour === 'failing') return res.writeHead(500).end('no');
        if (typeof sentAt === 'number') latencies.push(performance.now() - sentAt);
        res.writeHead(200).end('ok');
      };
      if (behaviour === 'slow') setTimeout(answer, 300);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, server };
}

/** Round trips of plain POSTs to a receiver (no signing, no database): the floor. */
async function baseline(url: string, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ data: { data: {} } }));
    });
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const events = Number(args[0] ?? 10_000);
  const receivers = Number(args[1] ?? 20);
  const rate = Number(args[2] ?? 50);
  const adminUrl = benchPostgresUrl();
  const postgres = adminUrl ? await postgresDatabase(adminUrl, 'notify') : null;
  const database = postgres?.database ?? (await openBenchPglite());
  const db = database.db;
  const allow = { allowedHosts: ['127.0.0.1'], allowFileUrls: false };
  const keyRing = KeyRing.parse(KeyRing.generate('bench'));
  const now = () => new Date();
  const dispatcher = new NotificationDispatcher({
    db,
    keyRing,
    allow,
    now,
    log: { info() {}, warn() {} },
    // Failing receivers die after three quick attempts; the rate per destination is above the
    // rate each receiver is sent at (rate / receivers), with room for retries.
    options: { maxAttempts: 3, backoff: { baseMs: 100, maxMs: 1000 }, perSecond: 100, burst: 200, timeoutMs: 5000 },
  });
  const service = new NotificationService({ db, keyRing, allow, now, dispatcher });
  const latencies: Record<Behaviour, number[]> = { healthy: [], slow: [], failing: [] };
  const servers = [];
  for (let i = 0; i < receivers; i++) {
    const behaviour = behaviourOf(i, receivers);
    const r = await receiver(behaviour, latencies[behaviour]);
    servers.push(r.server);
    await service.subscribe({ name: `r${i}`, channel: 'webhook', url: r.url, services: [`svc-${i}`] }, 'bench');
  }
  // Services exist so events name them (the filters match on the name).
  const serviceIds: string[] = [];
  for (let i = 0; i < receivers; i++) {
    const row = await db
      .insertInto('services')
      .values({ name: `svc-${i}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    serviceIds.push(row.id);
  }
  const floor = await receiver('healthy', []);
  const base = summarize(await baseline(floor.url, 200));
  floor.server.close();

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  // Sampled all along, writes included: the peak is when the outbox is fullest.
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  await dispatcher.start();
  const started = performance.now();
  let written = 0;
  // Writers as a steady stream: event i is due at i / rate seconds.
  const writer = async () => {
    while (written < events) {
      const i = written++;
      const due = started + (i / rate) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const sentAt = performance.now();
      await db.transaction().execute((tx) =>
        emitNotification(tx, {
          kind: 'release.healthy',
          at: now(),
          serviceId: serviceIds[i % receivers] as string,
          title: (x) => `${x.service} #${i} is healthy`,
          data: { sentAt },
        }),
      );
      dispatcher.wake();
    }
  };
  await Promise.all(Array.from({ length: 8 }, writer));
  const writeSeconds = (performance.now() - started) / 1000;
  let counts = await countDeliveries(db);
  const deadline = performance.now() + 600_000;
  while (counts.pending + counts.delivering > 0 && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    counts = await countDeliveries(db);
  }
  clearInterval(sampler);
  const totalSeconds = (performance.now() - started) / 1000;
  await dispatcher.stop();
  global.gc?.();
  const rssAfter = process.memoryUsage().rss;
  for (const s of servers) s.close();
  await database.close();
  await postgres?.drop();

  const healthy = summarize(latencies.healthy);
  const slow = summarize(latencies.slow);
  const figures = {
    engine: database.engine,
    events,
    receivers,
    rate,
    delivered: counts.delivered,
    dead: counts.dead,
    left: counts.pending + counts.delivering,
    healthy_deliveries: healthy.n,
    healthy_p50_ms: healthy.p50,
    healthy_p99_ms: healthy.p99,
    slow_p99_ms: slow.p99,
    baseline_post_p50_ms: base.p50,
    baseline_post_p99_ms: base.p99,
    write_s: round(writeSeconds, 1),
    total_s: round(totalSeconds, 1),
    rss_growth_mb: round((rssAfter - rssBefore) / 2 ** 20, 1),
    peak_rss_growth_mb: round((peakRss - rssBefore) / 2 ** 20, 1),
  };
  console.log(
    `${events} events to ${receivers} receivers at ${rate}/s on ${database.engine}: ${counts.delivered} delivered, ${counts.dead} dead, ` +
      `${figures.left} left; healthy event→delivery p50 ${healthy.p50} ms, p99 ${healthy.p99} ms (goal ≤ 1000); ` +
      `slow p99 ${slow.p99} ms; direct POST p50 ${base.p50} ms; RSS growth ${figures.rss_growth_mb} MB at the end, ${figures.peak_rss_growth_mb} MB at the peak (goal ≤ 50)`,
  );
  return figures;
}

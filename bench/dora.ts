/**
 * bench/dora: the delivery analytics (`GET /api/v1/analytics/dora`) on a large history.
 *
 * `npm run bench -- dora [releases=100000] [services=500] [samples=100]`
 *
 * A two-year release history is written straight into the database in batches (the API would
 * take hours for 100,000 releases): `services` services owned by teams of 20 (every 50th the
 * platform's), each team with a production and a staging environment; per service, changes
 * spread over the two years go to staging and then production, with commit times (some
 * unknown), failures, degraded releases, rollbacks after most of them, quick fixes, superseded
 * releases that never ran and a few still under way. Workloads and rendered objects are stored
 * at a realistic size, since they make the rows the queries read wide. The delivery facts
 * (migration 0018) are built for all but the newest releases as the migration builds them; the
 * newest go through the database's trigger, and what it adds to writing a release is reported.
 *
 * Then, on PGlite and, when `SLIPWAY_BENCH_DATABASE_URL` or `SLIPWAY_TEST_POSTGRES_URL` names a
 * PostgreSQL server, on a database the benchmark creates there (and drops after): p50/p99 of
 * `samples` requests one at a time through the real HTTP server (token check, schema,
 * serialisation) per query kind: the whole organisation over 12, 52 and 104 weeks, one team,
 * one service, and 12 weeks grouped by service and by team. Baseline, in the same run: the
 * bare SQL `SELECT` of the release rows of the same window and filter, no computation, no HTTP.
 *
 * The history and the moment "now" are fixed (a seeded generator), so every run answers the
 * same figures: `answers_sha256` (a digest of every answer) must be the same on both databases
 * and before and after a change that should not move a figure.
 */

import { createHash, randomUUID } from 'node:crypto';
import {
  assemblePlatform,
  buildApp,
  createToken,
  type Database,
  ensureGlobalRole,
  ensureUser,
  loadConfig,
  type Schema,
} from '@slipway/server';
import { type Kysely, sql } from 'kysely';
import { openBenchPglite } from './lib/pglite.ts';
import { benchPostgresUrl, postgresDatabase } from './lib/postgres.ts';
import { round, summarize, timeAll } from './lib/stats.ts';

/** "Now" of every run: a Wednesday noon, so the current ISO week is half over. */
const now = new Date('2026-12-02T12:00:00Z');
const dayMs = 86_400_000;
const historyDays = 730;
const servicesPerTeam = 20;

interface Query {
  /** The query string of `GET /analytics/dora`; `i` varies the team or service per request. */
  path: (i: number) => string;
  /** How many ISO weeks back the window starts (for the baseline's SELECT). */
  weeks: number;
  filter?: (i: number) => { service?: string; team?: string };
}

export async function run(args: string[]) {
  const releases = Number(args[0] ?? 100_000);
  const services = Number(args[1] ?? 500);
  const samples = Number(args[2] ?? 100);
  const teams = Math.max(1, Math.ceil(services / servicesPerTeam));
  const history = generateHistory(releases, services);

  const figures: Record<string, number | string> = {
    releases: history.releases.length,
    services,
    teams,
    samples,
    production_releases: history.releases.filter((r) => r.environment.endsWith('-prod')).length,
  };
  const lines = [
    `${history.releases.length} releases over ${historyDays} days, ${services} services, ${teams} teams (production and staging each); ${samples} requests per query kind, one at a time`,
  ];
  const engines: Array<{
    name: 'pglite' | 'postgres';
    open: () => Promise<{ database: Database; drop: () => Promise<void> }>;
  }> = [
    {
      name: 'pglite',
      open: async () => ({
        database: await openBenchPglite(),
        drop: async () => {},
      }),
    },
  ];
  const adminUrl = benchPostgresUrl();
  if (adminUrl) engines.push({ name: 'postgres', open: () => postgresDatabase(adminUrl, 'dora') });
  const digests: string[] = [];
  for (const engine of engines) {
    const { database, drop } = await engine.open();
    try {
      const measured = await measure(database, history, samples, services, teams);
      digests.push(measured.digest);
      figures[`${engine.name}_seed_s`] = measured.seedS;
      for (const [key, value] of Object.entries(measured.figures)) figures[`${engine.name}_${key}`] = value;
      lines.push(`${engine.name}: seeded in ${measured.seedS} s`, ...measured.lines);
    } finally {
      await database.close();
      await drop();
    }
  }
  if (new Set(digests).size !== 1) throw new Error(`the databases answered different figures: ${digests.join(' ≠ ')}`);
  figures.answers_sha256 = digests[0] as string;
  if (!adminUrl) lines.push('PostgreSQL: not measured (set SLIPWAY_BENCH_DATABASE_URL or SLIPWAY_TEST_POSTGRES_URL)');
  lines.push(`answers (sha256 of every answer, the same on every database): ${figures.answers_sha256}`);
  console.log(lines.join('\n'));
  return figures;
}

async function measure(database: Database, history: History, samples: number, services: number, teams: number) {
  const db = database.db;
  const t = performance.now();
  const written = await seed(db, history);
  // PostgreSQL's autovacuum would have vacuumed and analysed a two-year history long ago; PGlite
  // has no autovacuum and the server runs neither, so it is measured as it is.
  if (database.engine === 'postgres') await sql`vacuum analyze`.execute(db);
  const seedS = round((performance.now() - t) / 1000, 1);

  const config = loadConfig({ env: {} });
  const quiet = { info() {}, warn() {}, error() {} };
  const platform = await assemblePlatform({ config, db, kube: null, keyRing: null, now: () => now, log: quiet });
  const app = await buildApp({ config, database, kube: null, platform });
  const user = await ensureUser(db, 'bench');
  await ensureGlobalRole(db, 'bench', 'viewer', 'bench');
  const { secret } = await createToken(db, { userId: user.id, name: 'bench', scopes: ['read'] });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });

  const team = (i: number) => teamName(i % teams);
  const service = (i: number) => serviceName((i * 37) % services);
  const queries: Record<string, Query> = {
    org_12w: { path: () => 'weeks=12', weeks: 12 },
    team_12w: { path: (i) => `weeks=12&team=${team(i)}`, weeks: 12, filter: (i) => ({ team: team(i) }) },
    service_12w: { path: (i) => `weeks=12&service=${service(i)}`, weeks: 12, filter: (i) => ({ service: service(i) }) },
    org_52w: { path: () => 'weeks=52', weeks: 52 },
    org_104w: { path: () => 'weeks=104', weeks: 104 },
    by_service_12w: { path: () => 'weeks=12&groupBy=service', weeks: 12 },
    by_team_12w: { path: () => 'weeks=12&groupBy=team', weeks: 12 },
  };
  const get = async (query: string) => {
    const res = await fetch(`${url}/api/v1/analytics/dora?${query}`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`dora?${query} answered ${res.status}: ${body}`);
    return body;
  };

  // Every answer once, for the digest: what a change to the code must not move.
  const hash = createHash('sha256');
  for (const [name, query] of Object.entries(queries)) {
    for (let i = 0; i < 3; i++) hash.update(`${name} ${i} ${await get(query.path(i))}\n`);
  }
  const digest = hash.digest('hex').slice(0, 16);

  const figures: Record<string, number> = {
    release_write_ms: written.withoutMs,
    release_write_with_facts_ms: written.withMs,
  };
  const lines: string[] = [
    `  writing a release: ${written.withoutMs} ms without the delivery facts' trigger, ${written.withMs} ms with it (the newest ${written.liveReleases}, 1,000 a statement)`,
  ];
  const warm = Math.min(10, samples);
  // Every query kind through HTTP first, then every baseline: a long run of baselines between
  // two kinds would leave the client's kept-alive connection idle until the server drops it.
  const api = new Map<string, ReturnType<typeof summarize>>();
  for (const [name, query] of Object.entries(queries)) {
    let i = 0;
    const viaHttp = async () => {
      await get(query.path(i++));
    };
    await timeAll(warm, 1, viaHttp);
    api.set(name, summarize(await timeAll(samples, 1, viaHttp)));
  }
  for (const [name, query] of Object.entries(queries)) {
    let j = 0;
    const bare = async () => {
      await windowRows(db, query.weeks, query.filter?.(j++) ?? {});
    };
    await timeAll(warm, 1, bare);
    const base = summarize(await timeAll(samples, 1, bare));
    const http = api.get(name) as ReturnType<typeof summarize>;
    const rows = (await windowRows(db, query.weeks, query.filter?.(0) ?? {})).length;
    figures[`${name}_p50_ms`] = http.p50;
    figures[`${name}_p99_ms`] = http.p99;
    figures[`${name}_sql_p50_ms`] = base.p50;
    figures[`${name}_sql_p99_ms`] = base.p99;
    figures[`${name}_rows`] = rows;
    figures[`${name}_ratio_p50`] = round(http.p50 / base.p50, 2);
    lines.push(
      `  ${name.padEnd(15)} p50 ${String(http.p50).padStart(8)} ms  p99 ${String(http.p99).padStart(8)} ms` +
        `   bare SELECT of its ${rows} rows: p50 ${base.p50} ms, p99 ${base.p99} ms  (${figures[`${name}_ratio_p50`]}× p50)`,
    );
  }
  const worst = Math.max(...Object.keys(queries).map((name) => figures[`${name}_p99_ms`] as number));
  figures.worst_p99_ms = worst;
  lines.push(`  worst p99 ${worst} ms (goal ≤ 100 ms)`);
  await app.close();
  return { seedS, figures, lines, digest };
}

/**
 * The baseline: the applied production releases that finished in the last `weeks` ISO weeks,
 * with the columns the analytics read, as one plain SELECT. Any way of computing the figures
 * reads at least these rows.
 */
async function windowRows(db: Kysely<Schema>, weeks: number, filter: { service?: string; team?: string }) {
  const from = isoWeekStart(now, weeks - 1);
  let query = db
    .selectFrom('releases as r')
    .innerJoin('services as s', 's.id', 'r.service_id')
    .innerJoin('environments as e', 'e.id', 'r.environment_id')
    .select([
      'r.id',
      's.name as service',
      's.owner_team as team',
      'e.name as environment',
      'e.type as environmentType',
      'r.number',
      'r.status',
      'r.finished_at as finishedAt',
      'r.commit_time as commitTime',
      'r.rollback_of as rollbackOf',
    ])
    .where('e.type', '=', 'production')
    .where('r.status', 'in', ['healthy', 'degraded', 'failed'])
    .where('r.finished_at', '>=', from);
  if (filter.service !== undefined) query = query.where('s.name', '=', filter.service);
  if (filter.team !== undefined) query = query.where('s.owner_team', '=', filter.team);
  return await query.execute();
}

/** Monday 00:00 UTC of the ISO week `back` weeks before the one holding `at`. */
function isoWeekStart(at: Date, back: number): Date {
  const midnight = Math.floor(at.getTime() / dayMs) * dayMs;
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - (sinceMonday + 7 * back) * dayMs);
}

const teamName = (t: number) => `team-${String(t).padStart(2, '0')}`;
const serviceName = (s: number) => `svc-${String(s).padStart(3, '0')}`;

interface SeedRelease {
  id: string;
  service: string;
  environment: string;
  number: number;
  status: Schema['releases']['status'];
  finishedAt: Date | null;
  commitTime: Date | null;
  commitSha: string;
  rollbackOf: string | null;
}

interface History {
  teams: string[];
  services: Array<{ name: string; team: string | null }>;
  environments: Array<{ name: string; type: string; team: string }>;
  releases: SeedRelease[];
}

/** Mulberry32: a small seeded generator, so every run stores the same history. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Per service, `releases / services` releases: changes at random moments of the two years, each
 * to staging and, most of them, an hour or few later to production. A change can fail or
 * degrade (then usually a rollback to the last healthy release follows within half an hour), be
 * superseded before it ran, or be followed by a quick fix; some have no commit time. One service
 * in five has a release still rolling out.
 */
export function generateHistory(releases: number, services: number): History {
  const rand = random(16);
  const teamCount = Math.max(1, Math.ceil(services / servicesPerTeam));
  const teams = Array.from({ length: teamCount }, (_, t) => teamName(t));
  const history: History = { teams, services: [], environments: [], releases: [] };
  for (const team of teams) {
    history.environments.push({ name: `${team}-prod`, type: 'production', team });
    history.environments.push({ name: `${team}-staging`, type: 'staging', team });
  }
  for (let s = 0; s < services; s++) {
    const team = teams[Math.floor(s / servicesPerTeam)] as string;
    history.services.push({ name: serviceName(s), team: s % 50 === 49 ? null : team });
    const budget = Math.floor(releases / services) + (s < releases % services ? 1 : 0);
    history.releases.push(...serviceHistory(rand, serviceName(s), team, budget));
  }
  return history;
}

interface Event {
  environment: string;
  at: number | null;
  status: SeedRelease['status'];
  commit: number | null;
  rollback: boolean;
}

/** Exactly `budget` releases of one service, numbered per environment in the order they finished. */
function serviceHistory(rand: () => number, service: string, team: string, budget: number): SeedRelease[] {
  const start = now.getTime() - historyDays * dayMs;
  const events: Event[] = [];
  if (rand() < 0.2) {
    events.push({
      environment: `${team}-prod`,
      at: null,
      status: 'progressing',
      commit: now.getTime() - 3_600_000,
      rollback: false,
    });
  }
  const outcome = (): SeedRelease['status'] => {
    const x = rand();
    return x < 0.06 ? 'failed' : x < 0.09 ? 'degraded' : x < 0.12 ? 'superseded' : 'healthy';
  };
  // Changes at uniform random moments, in no order, until the budget is spent: cutting the
  // last one short leaves the spread over the two years even.
  while (events.length < budget) {
    const at = start + rand() * (historyDays * dayMs - 8 * 3_600_000);
    const commit = rand() < 0.1 ? null : at - (0.25 + rand() * rand() * 72) * 3_600_000;
    const stages: Array<[string, number]> = [[`${team}-staging`, at]];
    if (rand() < 0.8) stages.push([`${team}-prod`, at + (1 + rand() * 5) * 3_600_000]);
    // One change in twenty gets a quick fix within the hour.
    if (rand() < 0.05) stages.push([`${team}-prod`, at + (6 + rand() * 0.9) * 3_600_000]);
    for (const [environment, finished] of stages) {
      const status = outcome();
      events.push({ environment, at: finished, status, commit, rollback: false });
      if ((status === 'failed' || status === 'degraded') && rand() < 0.7) {
        events.push({
          environment,
          at: finished + (5 + rand() * 25) * 60_000,
          status: 'healthy',
          commit: null,
          rollback: true,
        });
      }
    }
  }
  events.length = budget;
  const order = (e: Event) => e.at ?? Number.POSITIVE_INFINITY;
  events.sort((a, b) => order(a) - order(b));
  const places = new Map<string, { number: number; lastHealthy: SeedRelease | null }>();
  return events.map((e) => {
    const place = places.get(e.environment) ?? { number: 0, lastHealthy: null };
    places.set(e.environment, place);
    place.number++;
    // A rollback restores the last healthy release (with its commit); without one it is a redeploy.
    const restores = e.rollback ? place.lastHealthy : null;
    const release: SeedRelease = {
      id: randomUUID(),
      service,
      environment: e.environment,
      number: place.number,
      status: e.status,
      finishedAt: e.at === null ? null : new Date(e.at),
      commitTime: restores ? restores.commitTime : e.commit === null ? null : new Date(e.commit),
      commitSha: restores
        ? restores.commitSha
        : Math.floor(rand() * 0xfffffff)
            .toString(16)
            .padStart(7, '0'),
      rollbackOf: restores?.id ?? null,
    };
    if (e.status === 'healthy') place.lastHealthy = release;
    return release;
  });
}

/**
 * Writes teams, services, environments and releases in batches of rows; returns what a release
 * cost to write without and with the delivery facts' trigger (ms per release).
 */
export async function seed(
  db: Kysely<Schema>,
  history: History,
): Promise<{ liveReleases: number; withoutMs: number; withMs: number }> {
  await db
    .insertInto('teams')
    .values(history.teams.map((name) => ({ name })))
    .execute();
  const serviceIds = new Map<string, string>();
  for (const rows of chunks(history.services, 500)) {
    const stored = await db
      .insertInto('services')
      .values(rows.map((s) => ({ name: s.name, owner_team: s.team })))
      .returning(['id', 'name'])
      .execute();
    for (const row of stored) serviceIds.set(row.name, row.id);
  }
  const environmentIds = new Map<string, string>();
  const stored = await db
    .insertInto('environments')
    .values(
      history.environments.map((e) => ({
        name: e.name,
        type: e.type,
        namespace: e.name,
        settings: '{}',
        owner_team: e.team,
      })),
    )
    .returning(['id', 'name'])
    .execute();
  for (const row of stored) environmentIds.set(row.name, row.id);
  // In the order they were made, as a server stores them (the rows' place on disk follows it).
  const made = (r: SeedRelease) => r.finishedAt?.getTime() ?? now.getTime();
  const inOrder = [...history.releases].sort((a, b) => made(a) - made(b));
  // The delivery facts (migration 0018) are kept by a trigger, release by release: for the whole
  // history that would take many minutes on PGlite. So all but the newest releases are written
  // with it off and the facts built as the migration backfills them; the newest chunk then goes
  // through the trigger as a server's releases do, and what that costs per release is measured.
  const live = inOrder.splice(Math.max(0, inOrder.length - liveReleases));
  await sql`alter table releases disable trigger releases_delivery_facts_insert`.execute(db);
  let started = performance.now();
  await insertReleases(db, inOrder, serviceIds, environmentIds);
  const withoutMs = (performance.now() - started) / Math.max(1, inOrder.length);
  await sql`alter table releases enable trigger releases_delivery_facts_insert`.execute(db);
  await sql`select delivery_facts_refresh(p.service_id, p.environment_id, null, null)
    from (select distinct service_id, environment_id from releases
          where status in ('healthy', 'degraded', 'failed') and finished_at is not null) p`.execute(db);
  started = performance.now();
  await insertReleases(db, live, serviceIds, environmentIds);
  const withMs = (performance.now() - started) / Math.max(1, live.length);
  return { liveReleases: live.length, withoutMs: round(withoutMs, 2), withMs: round(withMs, 2) };
}

/** The newest releases, written one chunk through the delivery facts' trigger. */
const liveReleases = 1000;

async function insertReleases(
  db: Kysely<Schema>,
  releases: readonly SeedRelease[],
  serviceIds: ReadonlyMap<string, string>,
  environmentIds: ReadonlyMap<string, string>,
): Promise<void> {
  for (const rows of chunks(releases, 1000)) {
    await db
      .insertInto('releases')
      .values(
        rows.map((r) => {
          const image = `registry.example.com/${r.service}:${r.commitSha}`;
          const started = r.finishedAt ? new Date(r.finishedAt.getTime() - 120_000) : null;
          return {
            id: r.id,
            service_id: serviceIds.get(r.service) as string,
            environment_id: environmentIds.get(r.environment) as string,
            number: r.number,
            status: r.status,
            content_hash: `sha256:${createHash('sha256').update(r.id).digest('hex')}`,
            image,
            commit_sha: r.commitSha,
            commit_time: r.commitTime,
            created_by: 'seed',
            reason: r.rollbackOf ? 'rollback' : null,
            workload: JSON.stringify(workload(r.service, image)),
            objects: JSON.stringify(objects(r.service, r.environment, image)),
            rollback_of: r.rollbackOf,
            message: r.status === 'healthy' ? 'all replicas ready' : r.status,
            created_at: started ?? now,
            started_at: started,
            finished_at: r.finishedAt,
          };
        }),
      )
      .execute();
  }
}

function* chunks<T>(list: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

/** A Score workload as a deploy stores it. */
function workload(service: string, image: string) {
  return {
    apiVersion: 'score.dev/v1b1',
    metadata: { name: service },
    containers: { main: { image, variables: { LOG_LEVEL: 'info', PORT: '8080' } } },
    service: { ports: { http: { port: 80, targetPort: 8080 } } },
    resources: { route: { type: 'route', params: { host: `${service}.example.com`, path: '/' } } },
  };
}

/** The rendered objects of a release (a Deployment and its Service), about 1.5 kB of JSON. */
function objects(service: string, environment: string, image: string) {
  const labels = { 'app.kubernetes.io/name': service, 'app.kubernetes.io/managed-by': 'slipway' };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: service, namespace: environment, labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'main',
                image,
                ports: [{ containerPort: 8080 }],
                env: [
                  { name: 'LOG_LEVEL', value: 'info' },
                  { name: 'PORT', value: '8080' },
                ],
                resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
                readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: service, namespace: environment, labels },
      spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    },
  ];
}

/**
 * bench/catalog: the software catalog at 10,000 entities from 500 Git repositories.
 *
 * Ingestion: 500 real bare repositories (systems, domains, groups, components, APIs,
 * resources; ownedBy, partOf, providesApi, consumesApi, dependsOn relations, many of them
 * across repositories) are registered as file:// locations through the real CatalogService
 * (git fetch, YAML, validation, storage), `concurrency` at a time; then every location is
 * refreshed again with nothing changed. Baseline, in the same run: `git clone --depth 1` of
 * the same repositories at the same concurrency, the floor of reading them at all, with its
 * CPU; taken before and after ingestion and averaged (on this shared machine the same clone
 * took 54 to 93 s at 5,000 repositories within a day, 76 and 54 s within one run). The cold
 * ingestion also reports where its time went: CPU of the server process and of git (with the
 * helper that starts it; against the clone's CPU, since on two cores the wall time follows
 * it), the 1-minute load before it (the machine may be shared), and the wall time of each
 * phase (git fetch, git read, YAML, validation, database, docs, teams) summed over the
 * refreshes under way.
 *
 * Queries: p50/p99 of filtered, paginated, full-text, faceted and Backstage-shaped queries
 * through the real HTTP server (token check, schema, serialisation). Facet counts are
 * remembered between catalog changes, so the faceted query is measured twice: as asked again
 * and again (`facets`), and with the counts forgotten before each request (`facets_uncached`,
 * the first ask after a change). Baseline: the same filtered page as one hand-written SQL
 * statement, without the HTTP stack.
 */

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildApp, createToken, ensureGlobalRole, ensureUser, loadConfig } from '@slipway/server';
import { sql } from 'kysely';
import { openBenchPglite } from '../lib/pglite.ts';
import { postgresDatabase } from '../lib/postgres.ts';
import { round, summarize, timeAll } from '../lib/stats.ts';
import { fastImportRepo, groups, pool, repoDir, repositoryFiles, types, words } from './fixtures.ts';

const seconds = (ms: number) => round(ms / 1000, 2);

/** Fields of /proc/PID/stat after the command name: utime 11, stime 12, cutime 13, cstime 14. */
const [utime, stime, cutime, cstime] = [11, 12, 13, 14];

/** The fields of a process's /proc stat after its command name (state first, then the parent). */
const statFields = (pid: number | 'self') =>
  (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');

/** CPU seconds in the named fields of a process's /proc stat (USER_HZ is 100 on Linux). */
function statSeconds(pid: number | 'self', fields: readonly number[]): number {
  const values = statFields(pid);
  return fields.reduce((sum, i) => sum + Number(values[i] ?? 0), 0) / 100;
}

/**
 * CPU seconds (user + system) of a process's live children, each with the children it has
 * waited for: this process's are the helper that starts git and every git it ran. Linux only;
 * null elsewhere. A child that ends between the listing and the read counts nothing: its CPU
 * moves to its parent's account of the children it waited for.
 */
function childrenCpuSeconds(pid: number = process.pid): number | null {
  let listed: string;
  try {
    listed = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
  } catch {
    return null;
  }
  const childSeconds = (child: number) => {
    try {
      return statSeconds(child, [utime, stime, cutime, cstime]);
    } catch {
      return 0;
    }
  };
  return listed
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .reduce((sum, child) => sum + childSeconds(Number(child)), 0);
}

/**
 * The postmaster of a PostgreSQL server running on this machine, found from one of its
 * backends (its parent); null when the server runs elsewhere.
 */
function postmasterOf(backendPid: number): number | null {
  try {
    return Number(statFields(backendPid)[1]);
  } catch {
    return null;
  }
}

/**
 * CPU seconds of a local PostgreSQL server: its postmaster with the children it has waited for
 * (backends that ended), plus the live ones (backends, autovacuum, WAL and checkpoint writers).
 */
function postgresCpuSeconds(postmaster: number): number | null {
  const live = childrenCpuSeconds(postmaster);
  return live === null ? null : live + statSeconds(postmaster, [utime, stime, cutime, cstime]);
}

/**
 * Garbage collections from now until `stop`: how many, their pauses summed and the longest
 * (ms), and how many were full (mark-compact) ones. The server runs in this process, so its
 * collections are in the query latencies.
 */
function recordCollections(): () => { count: number; full: number; total_ms: number; max_ms: number } {
  const pauses: Array<{ ms: number; full: boolean }> = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      pauses.push({ ms: entry.duration, full: kind === constants.NODE_PERFORMANCE_GC_MAJOR });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    observer.disconnect();
    return {
      count: pauses.length,
      full: pauses.filter((p) => p.full).length,
      total_ms: round(
        pauses.reduce((sum, p) => sum + p.ms, 0),
        1,
      ),
      max_ms: round(Math.max(0, ...pauses.map((p) => p.ms)), 1),
    };
  };
}

/**
 * `git clone --depth 1` of every repository, `concurrency` at a time, run by a small process of
 * its own (clone-baseline.mjs): its wall time, and the CPU of the git processes (null off Linux).
 */
async function cloneBaseline(
  urls: readonly string[],
  root: string,
  concurrency: number,
): Promise<{ ms: number; cpu_s: number | null }> {
  const script = fileURLToPath(new URL('./clone-baseline.mjs', import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const out: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  child.stdin.end(JSON.stringify({ urls, root, concurrency }));
  const code = await exited;
  if (code !== 0) throw new Error(`the clone baseline exited ${code}`);
  return JSON.parse(Buffer.concat(out).toString('utf8'));
}

export async function run(args: string[]) {
  const repos = Number(args[0] ?? 500);
  const samples = Number(args[1] ?? 300);
  const concurrency = Number(args[2] ?? 4);
  const root = await mkdtemp(join(tmpdir(), 'slipway-bench-catalog-'));
  const configFile = join(root, 'slipway.yaml');
  await writeFile(
    configFile,
    JSON.stringify({
      catalog: { allowFileUrls: true, fileRoots: [tmpdir()], cacheDir: join(root, 'cache'), concurrency },
    }),
  );
  // Made before the database opens: git started from a process holding PGlite's heap starts slower.
  const indexes = Array.from({ length: repos }, (_, r) => r);
  let t = performance.now();
  const urls = await pool(indexes, 4, (r) => fastImportRepo(repoDir(root, r), repositoryFiles(r)));
  const generateMs = performance.now() - t;

  // Baseline: the same repositories cloned one commit deep, as many at once as ingestion reads;
  // again after ingestion, since this machine's speed drifts within minutes.
  const cloneBefore = await cloneBaseline(urls, join(root, 'clones-before'), concurrency);

  // PGlite by default; SLIPWAY_BENCH_DATABASE_URL measures on a database of its own on that PostgreSQL.
  const postgresUrl = process.env.SLIPWAY_BENCH_DATABASE_URL;
  const onPostgres = postgresUrl ? await postgresDatabase(postgresUrl, 'catalog') : undefined;
  const database = onPostgres?.database ?? (await openBenchPglite());
  const engine = onPostgres ? 'PostgreSQL' : 'PGlite';
  const db = database.db;
  const app = await buildApp({ config: loadConfig({ file: configFile, env: {} }), database, kube: null });
  const catalog = app.deps.platform.catalog;
  const user = await ensureUser(db, 'bench');
  await ensureGlobalRole(db, 'bench', 'viewer', 'bench');
  const { secret } = await createToken(db, { userId: user.id, name: 'bench', scopes: ['read'] });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  // Its backends come and go with the pool: the postmaster, found once, stays.
  const postmaster = onPostgres
    ? postmasterOf(Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid))
    : null;
  const databaseCpu = () => (postmaster === null ? null : postgresCpuSeconds(postmaster));

  // Where the time goes: CPU of this process (the server: PGlite, YAML, validation) and of git
  // (through its helper), and the wall time of each phase summed over the refreshes under way.
  const load = loadavg()[0] as number;
  const cpu = process.cpuUsage();
  const childCpu = childrenCpuSeconds();
  const pgCpu = databaseCpu();
  catalog.phases.reset();
  t = performance.now();
  // Only each outcome is kept: the location views answered with it hold 100,000 entities at full
  // size, which a server does not keep, and which would weigh on the collections timed below.
  const outcomes = await pool(urls, concurrency, async (target) => ({
    outcome: (await catalog.registerLocation({ type: 'git', target }, 'bench')).outcome,
  }));
  await catalog.settled();
  const ingestMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const gitCpu = childCpu === null ? null : (childrenCpuSeconds() ?? childCpu) - childCpu;
  const postgresCpu = pgCpu === null ? null : (databaseCpu() ?? pgCpu) - pgCpu;
  const phases = catalog.phases.seconds();
  const failed = outcomes.filter((o) => o.outcome.result !== 'refreshed');
  if (failed.length > 0) throw new Error(`${failed.length} locations failed: ${failed[0]?.outcome.message}`);
  t = performance.now();
  const again = await catalog.refreshAll();
  const refreshMs = performance.now() - t;
  const cloneAfter = await cloneBaseline(urls, join(root, 'clones-after'), concurrency);
  const cloneMs = (cloneBefore.ms + cloneAfter.ms) / 2;
  const cloneCpu =
    cloneBefore.cpu_s === null || cloneAfter.cpu_s === null ? null : (cloneBefore.cpu_s + cloneAfter.cpu_s) / 2;
  const entities = Number(
    (await sql<{ n: string }>`select count(*) as n from catalog_entities`.execute(db)).rows[0]?.n,
  );
  const unresolved = Number(
    (await sql<{ n: string }>`select count(*) as n from catalog_entities where errors <> '[]'::jsonb`.execute(db))
      .rows[0]?.n,
  );
  const relations = Number(
    (await sql<{ n: string }>`select count(*) as n from catalog_relations`.execute(db)).rows[0]?.n,
  );
  // What the database does on its own within a minute, done now so queries meet its result:
  // PGlite's upkeep pass (its autovacuum, pglite-autovacuum.ts), timed because it holds
  // requests up while it runs; on PostgreSQL what its own autovacuum does in the background.
  t = performance.now();
  if (onPostgres) await sql`vacuum analyze`.execute(db);
  else await database.upkeep();
  const upkeepMs = performance.now() - t;
  // The server runs in this process (PGlite's memory included): its RSS once everything is stored.
  const rssAfterIngestMb = Math.round(process.memoryUsage().rss / 1e6);

  const get = (path: () => string, before?: () => void) => async () => {
    before?.();
    const res = await fetch(`${url}${path()}`, { headers: { authorization: `Bearer ${secret}` } });
    if (res.status !== 200) throw new Error(`${path()} answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };
  let i = 0;
  const pick = <T>(list: readonly T[]) => list[i++ % list.length] as T;
  const team = () => `team-${String(i++ % groups).padStart(2, '0')}`;
  // Page cursors collected once, so paging requests measure one page each, deep ones included.
  const cursors: string[] = [];
  let next: string | undefined = '';
  while (next !== undefined && cursors.length < 60) {
    cursors.push(next);
    const res = await fetch(
      `${url}/api/v1/catalog/entities?kind=component&limit=100${next ? `&cursor=${encodeURIComponent(next)}` : ''}`,
      {
        headers: { authorization: `Bearer ${secret}` },
      },
    );
    next = ((await res.json()) as { nextCursor?: string }).nextCursor;
  }
  const queries: Record<string, () => string> = {
    filtered: () => `/api/v1/catalog/entities?kind=component&owner=${team()}&lifecycle=production&limit=50`,
    paginated: () => {
      const cursor = pick(cursors);
      return `/api/v1/catalog/entities?kind=component&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    },
    full_text: () =>
      `/api/v1/catalog/entities?q=${encodeURIComponent(`${pick(words)} ${pick(types).slice(0, 3)}`)}&limit=20`,
    facets: () => `/api/v1/catalog/entities?kind=component&tag=${pick(words)}&facets=owner,type,lifecycle,tag&limit=20`,
    // The same with the remembered counts forgotten first: the first ask after a catalog change.
    facets_uncached: () =>
      `/api/v1/catalog/entities?kind=component&tag=${pick(words)}&facets=owner,type,lifecycle,tag&limit=20`,
    backstage_by_query: () =>
      `/api/catalog/entities/by-query?filter=kind=component,spec.type=service,spec.owner=${team()}&limit=20`,
  };
  const figures: Record<string, number | string> = {
    repos,
    entities,
    relations,
    entities_with_issues: unresolved,
    concurrency,
    generate_s: seconds(generateMs),
    ingest_s: seconds(ingestMs),
    ingest_entities_per_s: round(entities / (ingestMs / 1000), 0),
    refresh_unchanged_s: seconds(refreshMs),
    refresh_unchanged_results: [...new Set(again.map((o) => o.result))].join(','),
    upkeep_s: seconds(upkeepMs),
    baseline_clone_s: seconds(cloneMs),
    baseline_clone_before_s: seconds(cloneBefore.ms),
    baseline_clone_after_s: seconds(cloneAfter.ms),
    load_1m_at_ingest: round(load, 2),
    database: engine,
    server_rss_after_ingest_mb: rssAfterIngestMb,
    ingest_server_cpu_s: seconds((used.user + used.system) / 1000),
    ...(gitCpu === null ? {} : { ingest_git_cpu_s: round(gitCpu, 2) }),
    ...(postgresCpu === null ? {} : { ingest_postgres_cpu_s: round(postgresCpu, 2) }),
    ...Object.fromEntries(Object.entries(phases).map(([phase, s]) => [`phase_${phase}_s`, round(s, 2)])),
  };
  figures.ingest_ratio_to_clone = round(ingestMs / cloneMs, 2);
  // On two cores wall time follows CPU: what ingestion burns against what the clone burns.
  // PGlite's CPU is in the server's; PostgreSQL's is added when it runs on this machine.
  if (cloneCpu !== null && gitCpu !== null && cloneCpu > 0) {
    figures.baseline_clone_cpu_s = round(cloneCpu, 2);
    const ingestCpu = (used.user + used.system) / 1e6 + gitCpu + (postgresCpu ?? 0);
    figures.ingest_cpu_ratio_to_clone = round(ingestCpu / cloneCpu, 2);
  }
  const ingestCpuParts = postgresCpu === null ? 'server and git' : 'server, git and PostgreSQL';
  const cloneCpuText =
    figures.baseline_clone_cpu_s === undefined
      ? ''
      : `, CPU ${figures.baseline_clone_cpu_s} s (ingestion's ${ingestCpuParts}: ${figures.ingest_cpu_ratio_to_clone}×)`;
  const lines = [
    `${entities} entities (${relations} relation rows, ${unresolved} with issues) from ${repos} git repositories, ${engine}, ${concurrency} at a time`,
    `  repositories generated       ${figures.generate_s} s (git fast-import)`,
    `  ingestion, cold              ${figures.ingest_s} s, ${figures.ingest_entities_per_s} entities/s (load ${figures.load_1m_at_ingest} before)`,
    `    CPU: server process ${figures.ingest_server_cpu_s} s, git and its helper ${gitCpu === null ? 'n/a' : `${round(gitCpu, 2)} s`}${postgresCpu === null ? '' : `, PostgreSQL ${round(postgresCpu, 2)} s`}`,
    `    phases, wall time summed over the ${concurrency} refreshes at a time: ${Object.entries(phases)
      .map(([phase, s]) => `${phase} ${round(s, 1)} s`)
      .join(', ')}`,
    `  refresh, nothing changed     ${figures.refresh_unchanged_s} s (${figures.refresh_unchanged_results})`,
    `  baseline: git clone --depth 1 of the same repositories  ${figures.baseline_clone_s} s, the mean of ${figures.baseline_clone_before_s} s before ingestion and ${figures.baseline_clone_after_s} s after (ingestion ${figures.ingest_ratio_to_clone}×)${cloneCpuText}`,
    `  ${onPostgres ? 'vacuum analyze' : 'upkeep pass (vacuum, analyze)'}  ${figures.upkeep_s} s`,
  ];
  const forget = (name: string) => (name.endsWith('_uncached') ? () => app.facetCache.invalidate() : undefined);
  // Every relation of the generated repositories resolves: an issue is a refresh gone wrong.
  if (unresolved > 0)
    lines.push(`  WRONG: ${unresolved} entities have issues, where the repositories resolve every relation`);
  const collections = recordCollections();
  for (const [name, path] of Object.entries(queries)) {
    await timeAll(50, 1, get(path, forget(name)));
    const s = summarize(await timeAll(samples, 1, get(path, forget(name))));
    figures[`${name}_p50_ms`] = s.p50;
    figures[`${name}_p99_ms`] = s.p99;
    lines.push(`  ${name.padEnd(26)} p50 ${s.p50} ms  p99 ${s.p99} ms`);
  }
  const gc = collections();
  Object.assign(figures, {
    queries_gc_count: gc.count,
    queries_gc_full_count: gc.full,
    queries_gc_ms: gc.total_ms,
    queries_gc_max_ms: gc.max_ms,
  });
  lines.push(
    `  collections during the queries  ${gc.count} (${gc.full} full), ${gc.total_ms} ms in all, the longest ${gc.max_ms} ms`,
  );
  // Baseline: the filtered page as one SQL statement on the same database, no HTTP.
  const raw = async () => {
    await sql`select ref, kind, name, owner, type, lifecycle, system, tags, title, description
      from catalog_entities where kind = 'component' and owner = ${`group:default/${team()}`}
      and lifecycle = 'production' order by name limit 50`.execute(db);
  };
  await timeAll(50, 1, raw);
  const base = summarize(await timeAll(samples, 1, raw));
  figures.baseline_sql_p50_ms = base.p50;
  figures.baseline_sql_p99_ms = base.p99;
  figures.filtered_ratio_p50 = round((figures.filtered_p50_ms as number) / base.p50, 2);
  lines.push(
    `  baseline: raw SQL filtered  p50 ${base.p50} ms  p99 ${base.p99} ms  (ratio ${figures.filtered_ratio_p50}× p50)`,
  );
  figures.server_rss_end_mb = Math.round(process.memoryUsage().rss / 1e6);
  lines.push(
    `  server RSS                   ${figures.server_rss_after_ingest_mb} MB after ingestion, ${figures.server_rss_end_mb} MB after the queries`,
  );
  console.log(lines.join('\n'));
  await app.close();
  await database.close();
  await onPostgres?.drop();
  await rm(root, { recursive: true, force: true });
  return figures;
}

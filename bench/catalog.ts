/**
 * bench/catalog: the software catalog at 10,000 entities from 500 repositories.
 *
 * Loads the entities (systems, components, APIs, resources, groups; ownedBy, partOf,
 * providesApi, dependsOn relations in both directions), then measures p50/p99 of filtered,
 * paginated, full-text, faceted and Backstage-shaped queries through the real HTTP server
 * (token check, schema, serialisation). Baseline, in the same run and database: the same
 * filtered page as one hand-written SQL statement, without the HTTP stack.
 *
 * Until the ingestion service lands, the entities are written as rows directly (the columns
 * as ingestion derives them); the output says so and the load figure is then a row-write one.
 */

import { sql } from 'kysely';
import { loadConfig } from '../packages/server/src/config/load.ts';
import { openDatabase } from '../packages/server/src/db/database.ts';
import { createToken } from '../packages/server/src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../packages/server/src/db/stores/role-bindings.ts';
import { ensureUser } from '../packages/server/src/db/stores/users.ts';
import { buildApp } from '../packages/server/src/http/app.ts';
import { insertEntities, insertLocation, type TestEntity } from '../packages/server/test/harness/catalog-rows.ts';
import { round, summarize, timeAll } from './stats.ts';

const words = [
  'payments',
  'ledger',
  'checkout',
  'search',
  'catalog',
  'billing',
  'identity',
  'shipping',
  'pricing',
  'inventory',
  'reviews',
  'notify',
  'media',
  'analytics',
  'fraud',
  'orders',
];
const lifecycles = ['production', 'experimental', 'deprecated'];
const types = ['service', 'website', 'library'];
const groups = 40;

/** One repository's entities: a system, its components and APIs, a database; groups in the first ones. */
function repository(r: number): TestEntity[] {
  const word = words[r % words.length] as string;
  const owner = `team-${String(r % groups).padStart(2, '0')}`;
  const ownerRef = `group:default/${owner}`;
  const system = `${word}-system-${r}`;
  const systemRef = `system:default/${system}`;
  const out: TestEntity[] = [
    {
      kind: 'System',
      name: system,
      description: `Everything ${word} (${r})`,
      spec: { owner },
      relations: { ownedBy: [ownerRef] },
    },
  ];
  if (r < groups) out.push({ kind: 'Group', name: owner, title: `Team ${r}`, spec: { type: 'team', children: [] } });
  const count = r < groups ? 13 : 14;
  for (let c = 0; c < count; c++) {
    const name = `${word}-${['api', 'worker', 'web', 'jobs', 'gateway', 'store', 'sync'][c % 7]}-${r}-${c}`;
    const apiRef = `api:default/${word}-rest-${r}-${c % 4}`;
    const dependsOn = c > 0 ? [`component:default/${word}-api-${r}-0`] : [];
    out.push({
      kind: 'Component',
      name,
      title: `${word} ${c}`,
      description: `The ${word} ${types[c % 3]} number ${c} of repository ${r}`,
      tags: [word, ['java', 'go', 'node', 'python'][c % 4] as string],
      spec: { type: types[c % 3], lifecycle: lifecycles[(r + c) % 3], owner, system },
      relations: { ownedBy: [ownerRef], partOf: [systemRef], ...(c < 4 ? { providesApi: [apiRef] } : {}), dependsOn },
    });
  }
  for (let a = 0; a < 4; a++) {
    out.push({
      kind: 'API',
      name: `${word}-rest-${r}-${a}`,
      spec: { type: 'openapi', lifecycle: 'production', owner, system },
      relations: { ownedBy: [ownerRef], partOf: [systemRef] },
    });
  }
  out.push({
    kind: 'Resource',
    name: `${word}-db-${r}`,
    tags: ['postgres'],
    spec: { type: 'database', owner, system },
    relations: { ownedBy: [ownerRef] },
  });
  return out;
}

export async function run(args: string[]) {
  const repos = Number(args[0] ?? 500);
  const samples = Number(args[1] ?? 300);
  const database = await openDatabase({ engine: 'pglite', dataDir: 'memory://' });
  const db = database.db;
  const app = await buildApp({ config: loadConfig({ env: {} }), database, kube: null });
  const user = await ensureUser(db, 'bench');
  await ensureGlobalRole(db, 'bench', 'viewer', 'bench');
  const { secret } = await createToken(db, { userId: user.id, name: 'bench', scopes: ['read'] });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });

  const t0 = performance.now();
  let entities = 0;
  for (let r = 0; r < repos; r++) {
    const docs = repository(r);
    entities += docs.length;
    await insertEntities(db, await insertLocation(db, `https://git.example.com/acme/repo-${r}.git`), docs);
  }
  const loadMs = performance.now() - t0;
  await sql`analyze`.execute(db);

  const get = (path: () => string) => async () => {
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
    backstage_by_query: () =>
      `/api/catalog/entities/by-query?filter=kind=component,spec.type=service,spec.owner=${team()}&limit=20`,
  };
  const figures: Record<string, number | string> = {
    repos,
    entities,
    load: 'direct row writes (ingestion service not available)',
  };
  const lines = [`${entities} entities from ${repos} repositories, PGlite`];
  figures.load_s = round(loadMs / 1000, 2);
  figures.load_entities_per_s = round(entities / (loadMs / 1000), 0);
  lines.push(`  load (direct row writes)   ${figures.load_s} s, ${figures.load_entities_per_s} entities/s`);
  for (const [name, path] of Object.entries(queries)) {
    await timeAll(50, 1, get(path));
    const s = summarize(await timeAll(samples, 1, get(path)));
    figures[`${name}_p50_ms`] = s.p50;
    figures[`${name}_p99_ms`] = s.p99;
    lines.push(`  ${name.padEnd(26)} p50 ${s.p50} ms  p99 ${s.p99} ms`);
  }
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
  console.log(lines.join('\n'));
  await app.close();
  await database.close();
  return figures;
}

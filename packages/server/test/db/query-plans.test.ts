import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ReadReach } from '@slipway/core';
import { type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { queryEntitySummaries } from '../../src/db/catalog-query/query-entities.ts';
import { openDatabase } from '../../src/db/database.ts';
import type { Schema } from '../../src/db/schema.ts';
import { queryAudit } from '../../src/db/stores/audit.ts';
import { standingReleaseDrifted } from '../../src/db/stores/drift.ts';
import { environmentsAfter } from '../../src/db/stores/environments.ts';
import {
  currentReleases,
  lapsedApprovals,
  lastApplied,
  listReleases,
  pairsWithWork,
  unfinishedReleases,
} from '../../src/db/stores/releases.ts';
import { servicesAfter } from '../../src/db/stores/services.ts';
import { type ProvisionedDatabase, provisionTestDatabase } from '../harness/databases.ts';

const services = 1000;
const teams = 50;
const environments = 3;
const releases = 10_000;
const entities = 3000;
const auditEvents = 10_000;
/** The tables that grow with the organisation: never read whole on a request or a tick. */
const bigTables = ['releases', 'services', 'catalog_entities', 'audit_events', 'delivery_facts'];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode): string[] {
  const here = node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : [];
  return [...here, ...(node.Plans ?? []).flatMap(seqScans)];
}

/**
 * The hot queries at the scale the issue names (1,000 services × 3 environments, 10,000
 * releases; a catalog and an audit log of that order), seeded in bulk SQL: each is run as the
 * store runs it, its SQL captured, and EXPLAINed. None may read a big table whole.
 */
describe('query plans at scale [postgres]', () => {
  let provisioned: ProvisionedDatabase;
  let pool: pg.Pool;
  let db: Kysely<Schema>;
  let captured: CompiledQuery[] = [];
  const ids = { serviceId: '', environmentId: '' };

  before(async () => {
    provisioned = await provisionTestDatabase('postgres', { migrated: true });
    await (await openDatabase(provisioned.config)).close(); // migrated
    const url = provisioned.config.engine === 'postgres' ? provisioned.config.url : '';
    pool = new pg.Pool({ connectionString: url, max: 2 });
    db = new Kysely<Schema>({
      dialect: new PostgresDialect({ pool }),
      log: (event) => {
        if (event.level === 'query') captured.push(event.query);
      },
    });
    const started = performance.now();
    await seed(db);
    console.log(`query plans: seeded in ${Math.round(performance.now() - started)} ms`);
    const pair = await db
      .selectFrom('releases')
      .select(['service_id', 'environment_id'])
      .limit(1)
      .executeTakeFirstOrThrow();
    ids.serviceId = pair.service_id;
    ids.environmentId = pair.environment_id;
  });
  after(async () => {
    await db?.destroy();
    await provisioned?.dispose();
  });

  /** Runs `work`, then EXPLAINs every statement it sent; returns the big tables read whole. */
  const scansOf = async (work: () => Promise<unknown>) => {
    captured = [];
    await work();
    const queries = captured;
    assert.ok(queries.length > 0, 'the work sent no query');
    const found: string[] = [];
    // Left out: a statement that is an EXPLAIN already (a planner's estimate) reads nothing; and
    // the total a list's first page promises reads every match by its nature (from an index once
    // the table is vacuumed; bench catalog measures it), where the page itself must not.
    const counts = /^\s*(explain\b|select count\(\*\) as n from catalog_entities e where)/i;
    for (const q of queries.filter((q) => !counts.test(q.sql))) {
      const { rows } = await pool.query(`explain (format json) ${q.sql}`, [...q.parameters]);
      const plan = (rows[0] as { 'QUERY PLAN': Array<{ Plan: PlanNode }> })['QUERY PLAN'][0]?.Plan as PlanNode;
      found.push(
        ...seqScans(plan)
          .filter((t) => bigTables.includes(t))
          .map((t) => `${t} in: ${q.sql}`),
      );
    }
    return found;
  };

  const hot: Array<[string, () => Promise<unknown>]> = [
    ['releases of a service in an environment, a page', () => listReleases(db, { ...ids, limit: 50 })],
    ['releases of an environment, a page', () => listReleases(db, { environmentId: ids.environmentId, limit: 50 })],
    ['releases of a service, a page', () => listReleases(db, { serviceId: ids.serviceId, limit: 50 })],
    [
      'releases a team may read, a page',
      async () => {
        const own = await db.selectFrom('services').select('id').orderBy('name').limit(20).execute();
        captured = [];
        return listReleases(db, { serviceIds: own.map((r) => r.id), limit: 50 });
      },
    ],
    ['every release, a page (an admin)', () => listReleases(db, { limit: 50 })],
    [
      'every release, the page after a cursor',
      async () => {
        const [first] = await listReleases(db, { limit: 1000 }).then((page) => page.slice(-1));
        captured = [];
        return listReleases(db, { limit: 50, before: first?.id ?? '' });
      },
    ],
    [
      'releases of an environment, the page after a cursor',
      async () => {
        const [first] = await listReleases(db, { environmentId: ids.environmentId, limit: 50 }).then((p) =>
          p.slice(-1),
        );
        captured = [];
        return listReleases(db, { environmentId: ids.environmentId, limit: 50, before: first?.id ?? '' });
      },
    ],
    ['the latest release of a service in an environment', () => lastApplied(db, ids.serviceId, ids.environmentId)],
    ["what runs in an environment (a deploy's neighbours)", () => currentReleases(db, ids.environmentId)],
    ['the engine: pairs with work', () => pairsWithWork(db)],
    ['the engine: the unfinished releases of a pair', () => unfinishedReleases(db, ids.serviceId, ids.environmentId)],
    ['the controller: approvals that ran out', () => lapsedApprovals(db, new Date(0))],
    ['catalog entities, the first page', () => queryEntitySummaries(db, { filter: [], limit: 50, offset: 0 })],
    [
      'catalog entities, a page after a cursor',
      () =>
        queryEntitySummaries(db, {
          filter: [],
          limit: 50,
          offset: 0,
          after: { name: 'svc-0500', ref: 'component:default/svc-0500' },
          totalItems: entities,
        }),
    ],
    [
      'catalog components, a page',
      () => queryEntitySummaries(db, { filter: [{ kind: ['component'] }], limit: 50, offset: 0 }),
    ],
    ['services, the first page', () => servicesAfter(db, everything, undefined, 200)],
    ['services, a page after a cursor', () => servicesAfter(db, everything, 'svc-0500', 200)],
    ["services a team's member sees, a page", () => servicesAfter(db, oneTeam, undefined, 200)],
    [
      'environments a team member sees, a page',
      () =>
        environmentsAfter(db, { reach: oneTeam }, { name: 'env-1', id: '00000000-0000-0000-0000-000000000000' }, 200),
    ],
    [
      "a deploy's facts: whether the service's standing releases drifted",
      () => standingReleaseDrifted(db, ids.serviceId),
    ],
    [
      "a deploy's facts: whether its standing release in the target drifted",
      () => standingReleaseDrifted(db, ids.serviceId, ids.environmentId),
    ],
    ['audit log, the newest page', () => queryAudit(db, { limit: 100 })],
    ['audit log, a page after a cursor', () => queryAudit(db, { after: auditEvents / 2, limit: 100, order: 'asc' })],
    ['audit log of an actor', () => queryAudit(db, { actor: 'user-7', limit: 100 })],
  ];
  it("pages through an environment's history with the cursor: every release once, newest first", async () => {
    const seen: Array<{ id: string; created: number; number: number }> = [];
    let before: string | undefined;
    for (;;) {
      const page = await listReleases(db, {
        environmentId: ids.environmentId,
        limit: 500,
        ...(before ? { before } : {}),
      });
      seen.push(...page.map((r) => ({ id: r.id, created: r.createdAt.getTime(), number: r.number })));
      if (page.length < 500) break;
      before = page.at(-1)?.id;
    }
    const total = await db
      .selectFrom('releases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('environment_id', '=', ids.environmentId)
      .executeTakeFirstOrThrow();
    assert.equal(seen.length, Number(total.n));
    assert.equal(new Set(seen.map((r) => r.id)).size, seen.length, 'no release twice');
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1], seen[i]] as [(typeof seen)[0], (typeof seen)[0]];
      assert.ok(a.created > b.created || (a.created === b.created && a.number >= b.number), `out of order at ${i}`);
    }
  });

  for (const [name, work] of hot) {
    it(`${name}: no sequential scan of a big table`, async () => {
      assert.deepEqual(await scansOf(work), []);
    });
  }
});

/** An admin's reach, and a developer's of one team who also looks after one service of another. */
const everything: ReadReach = { all: true, member: true, teams: [], services: [] };
const oneTeam: ReadReach = { all: false, member: true, teams: ['team-7'], services: ['svc-0001'] };

/** Bulk SQL, so the scale costs seconds: services, environments, releases, catalog, audit. */
async function seed(db: Kysely<Schema>): Promise<void> {
  await sql`insert into teams (name) select 'team-' || i from generate_series(0, ${teams - 1}) i`.execute(db);
  await sql`insert into services (name, owner_team)
    select 'svc-' || lpad(i::text, 4, '0'), 'team-' || (i % ${teams}) from generate_series(1, ${services}) i`.execute(
    db,
  );
  await sql`insert into environments (name, type, namespace, settings)
    select 'env-' || i, 'development', 'env-' || i, '{}' from generate_series(1, ${environments}) i`.execute(db);
  // Written as a server would over time; the delivery facts' trigger is off (bench/dora.ts does the same).
  await sql`alter table releases disable trigger releases_delivery_facts_insert`.execute(db);
  await sql`with pairs as (
      select s.id as service_id, e.id as environment_id, row_number() over (order by s.name, e.name) - 1 as p
      from services s cross join environments e),
    n as (select i, (i - 1) % ${services * environments} as p, (i - 1) / ${services * environments} + 1 as number
      from generate_series(1, ${releases}) i)
    insert into releases (service_id, environment_id, number, status, content_hash, image, created_by,
      workload, objects, message, created_at, started_at, finished_at, approval_expires_at)
    select pairs.service_id, pairs.environment_id, n.number,
      case when n.i > ${releases - 20} then 'queued' when n.i % 500 = 0 then 'pending_approval'
           when n.i % 7 = 0 then 'failed' else 'healthy' end,
      md5(n.i::text), 'registry.example.com/app:' || n.i, 'seed',
      jsonb_build_object('apiVersion', 'score.dev/v1b1', 'metadata', jsonb_build_object('name', 'svc'),
        'containers', jsonb_build_object('app', jsonb_build_object('image', repeat('x', 400)))),
      jsonb_build_array(jsonb_build_object('kind', 'Deployment', 'spec', repeat('y', 1500))),
      'all replicas ready',
      now() - make_interval(mins => ${releases} - n.i), now() - make_interval(mins => ${releases} - n.i),
      case when n.i > ${releases - 20} then null else now() - make_interval(mins => ${releases} - n.i) end,
      case when n.i % 500 = 0 then now() + interval '1 day' end
    from n join pairs on pairs.p = n.p`.execute(db);
  await sql`alter table releases enable trigger releases_delivery_facts_insert`.execute(db);
  const location = await db
    .insertInto('catalog_locations')
    .values({ type: 'url', target: 'https://git.example.com/catalog.git', created_by: 'seed' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`insert into catalog_entities (ref, kind, namespace, name, type, owner, entity, location_id, hash, search)
    select 'component:default/svc-' || lpad(i::text, 4, '0'), case when i % 3 = 0 then 'api' else 'component' end,
      'default', 'svc-' || lpad(i::text, 4, '0'), 'service', 'group:default/team-' || (i % 40),
      jsonb_build_object('kind', 'Component', 'metadata', jsonb_build_object('name', 'svc-' || i, 'description', repeat('d', 300))),
      ${location.id}, md5(i::text), to_tsvector('simple', 'svc ' || i)
    from generate_series(1, ${entities}) i`.execute(db);
  await sql`insert into audit_events (seq, at, actor, via, action, method, route, target, status, result,
      request_id, ip, detail, prev_hash, hash)
    select i, now() - make_interval(secs => ${auditEvents} - i), 'user-' || (i % 50), 'token', 'service.deploy', 'POST',
      '/api/v1/deploys', 'service/svc-' || (i % 1000), 202, 'success', 'req-' || i, '127.0.0.1',
      jsonb_build_object('note', repeat('n', 200)), md5((i - 1)::text), md5(i::text)
    from generate_series(1, ${auditEvents}) i`.execute(db);
  await sql`analyze`.execute(db);
}

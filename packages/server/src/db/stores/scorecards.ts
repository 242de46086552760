import { notFound, type RuleOutcome, type ScorecardSpec } from '@slipway/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Schema, ScorecardResultsTable, ScorecardsTable } from '../schema.ts';

export interface ScorecardRecord {
  spec: ScorecardSpec;
  updatedAt: Date;
  updatedBy: string;
}

export interface ScorecardResultRecord {
  scorecard: string;
  service: string;
  level: string | null;
  score: number;
  rules: RuleOutcome[];
  evaluatedAt: Date;
}

/** Saves a scorecard (already compiled by the caller); true when it is new. */
export async function putScorecard(
  db: Kysely<Schema>,
  spec: ScorecardSpec,
  by: string,
  now: Date,
): Promise<{ record: ScorecardRecord; created: boolean }> {
  const existed = await db.selectFrom('scorecards').select('name').where('name', '=', spec.name).executeTakeFirst();
  const values = { name: spec.name, spec: JSON.stringify(spec), updated_at: now, updated_by: by };
  const row = await db
    .insertInto('scorecards')
    .values(values)
    .onConflict((oc) => oc.column('name').doUpdateSet({ spec: values.spec, updated_at: now, updated_by: by }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return { record: toScorecard(row), created: existed === undefined };
}

export async function getScorecard(db: Kysely<Schema>, name: string): Promise<ScorecardRecord> {
  const row = await db.selectFrom('scorecards').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) throw notFound(`Scorecard ${name}`);
  return toScorecard(row);
}

export async function listScorecards(db: Kysely<Schema>): Promise<ScorecardRecord[]> {
  return (await db.selectFrom('scorecards').selectAll().orderBy('name').execute()).map(toScorecard);
}

/** Deletes a scorecard with its results' history. */
export async function deleteScorecard(db: Kysely<Schema>, name: string): Promise<void> {
  const result = await db.deleteFrom('scorecards').where('name', '=', name).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(`Scorecard ${name}`);
}

export async function insertScorecardResult(db: Kysely<Schema>, result: ScorecardResultRecord): Promise<void> {
  await db
    .insertInto('scorecard_results')
    .values({
      scorecard: result.scorecard,
      service: result.service,
      level: result.level,
      score: result.score,
      rules: JSON.stringify(result.rules),
      evaluated_at: result.evaluatedAt,
    })
    .execute();
}

/**
 * The newest result per scorecard and service, narrowed to one scorecard or one service
 * (PostgreSQL's `distinct on`, walking the (scorecard, service, evaluated_at) index).
 */
export async function latestScorecardResults(
  db: Kysely<Schema>,
  filter: { scorecard?: string; service?: string },
): Promise<ScorecardResultRecord[]> {
  let query = db
    .selectFrom('scorecard_results')
    .selectAll()
    .distinctOn(['scorecard', 'service'])
    .orderBy('scorecard')
    .orderBy('service')
    .orderBy('evaluated_at', 'desc')
    .orderBy('id', 'desc');
  if (filter.scorecard !== undefined) query = query.where('scorecard', '=', filter.scorecard);
  if (filter.service !== undefined) query = query.where('service', '=', filter.service);
  return (await query.execute()).map(toResult);
}

/** A service's results on one scorecard, newest first. */
export async function scorecardHistory(
  db: Kysely<Schema>,
  scorecard: string,
  service: string,
  limit: number,
): Promise<ScorecardResultRecord[]> {
  const rows = await db
    .selectFrom('scorecard_results')
    .selectAll()
    .where('scorecard', '=', scorecard)
    .where('service', '=', service)
    .orderBy('evaluated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toResult);
}

/** A service a scorecard judges, with its owning team (Slipway's, else the catalog's). */
export interface ScoredService {
  name: string;
  owner: string | null;
}

/**
 * Every service scorecards judge: Slipway's services, and the catalog's Components in the
 * default namespace (a service documented before its first deploy is judged too).
 */
export async function scoredServices(db: Kysely<Schema>): Promise<ScoredService[]> {
  const [services, components] = await Promise.all([
    db.selectFrom('services').select(['name', 'owner_team']).execute(),
    db.selectFrom('catalog_entities').select(['name', 'owner']).where('ref', 'like', 'component:default/%').execute(),
  ]);
  const byName = new Map<string, ScoredService>();
  for (const c of components) byName.set(c.name.toLowerCase(), { name: c.name.toLowerCase(), owner: c.owner || null });
  for (const s of services) {
    const catalog = byName.get(s.name);
    byName.set(s.name, { name: s.name, owner: s.owner_team ?? catalog?.owner ?? null });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether a service of this name exists in Slipway or the catalog. */
export async function serviceKnown(db: Kysely<Schema>, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('services')
    .select(sql<number>`1`.as('one'))
    .where('name', '=', name)
    .unionAll(
      db
        .selectFrom('catalog_entities')
        .select(sql<number>`1`.as('one'))
        .where('ref', '=', `component:default/${name.toLowerCase()}`),
    )
    .executeTakeFirst();
  return row !== undefined;
}

function toScorecard(row: Selectable<ScorecardsTable>): ScorecardRecord {
  return { spec: row.spec as ScorecardSpec, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

function toResult(row: Selectable<ScorecardResultsTable>): ScorecardResultRecord {
  return {
    scorecard: row.scorecard,
    service: row.service,
    level: row.level,
    score: row.score,
    rules: row.rules as RuleOutcome[],
    evaluatedAt: row.evaluated_at,
  };
}

/** The live environments where a service has had a release applied (where it may run). */
export async function environmentsRunning(
  db: Kysely<Schema>,
  serviceId: string,
): Promise<{ id: string; name: string; type: string }[]> {
  return db
    .selectFrom('environments')
    .select(['environments.id', 'environments.name', 'environments.type'])
    .where('environments.status', 'in', ['active', 'paused'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('releases')
          .select('releases.id')
          .whereRef('releases.environment_id', '=', 'environments.id')
          .where('releases.service_id', '=', serviceId)
          .where('releases.started_at', 'is not', null),
      ),
    )
    .orderBy('environments.name')
    .execute();
}

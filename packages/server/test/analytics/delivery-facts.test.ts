import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { type DeliveryRelease, type DoraGrouping, doraByGroup, doraReport } from '@slipway/core';
import type { Kysely } from 'kysely';
import { type DoraQuery, doraAnswer, doraWindow } from '../../src/analytics/dora.ts';
import type { ReleaseStatus, Schema } from '../../src/db/schema.ts';
import { TestClock } from '../harness/clock.ts';
import { describeEachDatabase } from '../harness/databases.ts';

/**
 * The delivery facts (migration 0018) against the definition: on a random history written by
 * every path a release takes (written finished, finished later and out of order, changed after it
 * finished, deleted, its environment deleted), the API's figures equal the core's `doraReport` and
 * `doraByGroup` on the releases themselves, for several windows, fix windows and groupings.
 */
describeEachDatabase('delivery facts', (getDb) => {
  const now = new TestClock().now();
  const hourMs = 3_600_000;

  it('stay exact whichever way releases are written, changed and deleted', async () => {
    const db = getDb().db;
    const rand = random(18);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
    await db
      .insertInto('teams')
      .values([{ name: 'red' }, { name: 'blue' }])
      .execute();
    const services = await db
      .insertInto('services')
      .values(['api', 'web', 'worker'].map((name, i) => ({ name, owner_team: i === 2 ? null : pick(['red', 'blue']) })))
      .returning(['id', 'name'])
      .execute();
    const environments = await db
      .insertInto('environments')
      .values(
        ['prod', 'prod-eu', 'staging'].map((name) => ({
          name,
          type: name === 'staging' ? 'staging' : 'production',
          namespace: name,
          settings: '{}',
          owner_team: 'red',
        })),
      )
      .returning(['id', 'name'])
      .execute();

    // Stage 1: 240 finished releases over ten weeks, written in random order, 40 a statement.
    const numbers = new Map<string, number>();
    const made: Array<{ id: string; serviceId: string; environmentId: string; status: ReleaseStatus }> = [];
    const release = (status: ReleaseStatus, finishedAt: Date | null) => {
      const serviceId = pick(services).id;
      const environmentId = pick(environments).id;
      const place = `${serviceId}/${environmentId}`;
      const number = (numbers.get(place) ?? 0) + 1;
      numbers.set(place, number);
      const earlier = made.filter((m) => m.serviceId === serviceId && m.environmentId === environmentId);
      const rollbackOf = earlier.length > 0 && rand() < 0.15 ? pick(earlier).id : null;
      const row = { id: randomUUID(), serviceId, environmentId, status };
      made.push(row);
      return {
        id: row.id,
        service_id: serviceId,
        environment_id: environmentId,
        number,
        status,
        content_hash: `sha256:${row.id}`,
        created_by: 'test',
        workload: '{}',
        objects: '[]',
        rollback_of: rollbackOf,
        commit_time: finishedAt && rand() < 0.8 ? new Date(finishedAt.getTime() - rand() * 30 * hourMs) : null,
        started_at: finishedAt,
        finished_at: finishedAt,
      };
    };
    // Quick follow-ups (fixes within the hour) and same-millisecond ties are made likely.
    const moment = () => {
      const base = now.getTime() - Math.floor(rand() * 70) * 86_400_000;
      return new Date(base - Math.floor(rand() * 4) * 0.4 * hourMs);
    };
    const status = (): ReleaseStatus => pick(['healthy', 'healthy', 'healthy', 'failed', 'degraded', 'superseded']);
    const rows = Array.from({ length: 240 }, () => release(status(), moment()));
    for (let i = 0; i < rows.length; i += 40) {
      await db
        .insertInto('releases')
        .values(rows.slice(i, i + 40))
        .execute();
    }
    await agree(db, now, 'written finished');

    // Stage 2: 40 releases queued, then finished one by one out of order, as the engine does.
    const queued = Array.from({ length: 40 }, () => release('queued', null));
    await db.insertInto('releases').values(queued).execute();
    for (const q of [...queued].sort(() => rand() - 0.5)) {
      const at = moment();
      await db
        .updateTable('releases')
        .set({ status: status(), started_at: at, finished_at: at })
        .where('id', '=', q.id)
        .execute();
    }
    await agree(db, now, 'finished later');

    // Stage 3: healthy releases that later degraded, and commit times learned late.
    for (const m of made.filter((r) => r.status === 'healthy').slice(0, 15)) {
      await db.updateTable('releases').set({ status: 'degraded' }).where('id', '=', m.id).execute();
    }
    await db.updateTable('releases').set({ commit_time: null }).where('number', '<', 3).execute();
    await agree(db, now, 'changed after finishing');

    // Stage 4: releases deleted one at a time (the rollbacks of them lose their rollback_of),
    // then a whole environment.
    for (const m of made.slice(0, 20)) await db.deleteFrom('releases').where('id', '=', m.id).execute();
    await agree(db, now, 'releases deleted');
    await db
      .deleteFrom('environments')
      .where('id', '=', (environments[1] as { id: string }).id)
      .execute();
    await agree(db, now, 'environment deleted');
  });
});

const queries: DoraQuery[] = [
  { weeks: 12 },
  { weeks: 4, fixWindowHours: 0 },
  { weeks: 6, fixWindowHours: 0.5, groupBy: 'service' },
  { weeks: 12, fixWindowHours: 24, groupBy: 'team' },
  { weeks: 3, environmentType: 'staging', groupBy: 'environmentType' },
  { weeks: 12, team: 'red', groupBy: 'service' },
  { weeks: 12, service: 'worker' },
];

/** The API's answer to every query equals the core's on the releases themselves. */
async function agree(db: Kysely<Schema>, now: Date, stage: string): Promise<void> {
  const releases = await allReleases(db);
  for (const query of queries) {
    const answer = await doraAnswer(db, query, now);
    const window = doraWindow(query, now);
    const chosen = releases.filter(
      (r) =>
        r.environmentType === (query.environmentType ?? 'production') &&
        (query.service === undefined || r.service === query.service) &&
        (query.team === undefined || r.team === query.team),
    );
    // The releases a window reads (docs/analytics.md): the ones from its start on, and the
    // failures before it that no healthy release followed before it. Groups are named by these.
    const read = chosen.filter((r) => readFor(r, chosen, window.from));
    const options = { ...window, now, fixWindowHours: query.fixWindowHours ?? 1 };
    const report = doraReport(chosen, options);
    const label = `${stage}: ${JSON.stringify(query)}`;
    assert.deepEqual(answer.figures, report.figures, label);
    assert.deepEqual(
      answer.weeks.map((w) => w.figures),
      report.weeks.map((w) => w.figures),
      label,
    );
    if (query.groupBy) {
      const groups = doraByGroup(read, query.groupBy as DoraGrouping, options);
      assert.deepEqual(answer.groups, groups, label);
    }
  }
}

function readFor(r: DeliveryRelease, all: readonly DeliveryRelease[], from: Date): boolean {
  if (r.finishedAt === null || !['healthy', 'degraded', 'failed'].includes(r.status)) return false;
  if (r.finishedAt >= from) return true;
  if (r.status === 'healthy') return false;
  const after = (h: DeliveryRelease) =>
    h.finishedAt !== null &&
    (h.finishedAt > (r.finishedAt as Date) ||
      (h.finishedAt.getTime() === (r.finishedAt as Date).getTime() && h.number > r.number));
  return !all.some(
    (h) =>
      h.service === r.service &&
      h.environment === r.environment &&
      h.status === 'healthy' &&
      after(h) &&
      (h.finishedAt as Date) < from,
  );
}

async function allReleases(db: Kysely<Schema>): Promise<DeliveryRelease[]> {
  return await db
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
    .execute();
}

/** Mulberry32: the same random history every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

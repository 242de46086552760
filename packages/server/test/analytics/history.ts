/**
 * The seeded production history of the core's DORA test (packages/core/test/analytics/history.ts),
 * stored as real rows, with the same days counted from `monday` (day 0 = the Monday of its first
 * week, 2026-11-09 there) so that the figures worked out by hand there hold here:
 *
 *   shop/prod    #1 healthy d-7 10:00 (commit d-7 08:00)   #2 healthy d1 12:00 (d1 09:00)
 *                #3 failed d2 10:00 (d2 08:00)             #4 healthy d2 10:30, rollback of #2
 *                #5 healthy d8 09:00 (d7 09:00)            #6 healthy d8 09:40 (d8 09:20)
 *                #7 healthy d15 15:00 (no commit time)     #8 healthy d15 16:00, rollback of #6
 *                #9 superseded d16                         #10 healthy d19 10:00 (after now)
 *   cart/prod    #1 healthy d3 14:00 (d3 12:00)            #2 degraded d10 06:00 (d9 06:00)
 *                #3 failed d10 08:00 (d10 07:00)           #4 healthy d14 08:00 (d14 06:00)
 *                #5 queued
 *   search/prod  #1 healthy d11 12:00 (d4 12:00)           #2 failed d17 12:00 (d17 10:00)
 *                #3 healthy d18 13:00 (after now)
 *
 * Besides, not production: shop/staging #1 healthy d1 10:00 (d1 09:00), #2 failed d2 09:00.
 * Teams: payments owns shop and cart, discovery owns search. Now: d18 12:00.
 */
import type { EnvironmentContext } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { ReleaseStatus, Schema } from '../../src/db/schema.ts';
import { advanceRelease, createRelease } from '../../src/db/stores/releases.ts';
import { ensureService } from '../../src/db/stores/services.ts';
import { createTeam } from '../../src/db/stores/teams.ts';
import { storeEnvironment } from '../harness/environments.ts';

const dayMs = 86_400_000;

/** Day `d` at `hh:mm` UTC, counted from `monday`. */
export function day(monday: Date, d: number, time = '00:00'): Date {
  const [h, m] = time.split(':').map(Number);
  return new Date(monday.getTime() + d * dayMs + ((h ?? 0) * 60 + (m ?? 0)) * 60_000);
}

type Row = [
  status: ReleaseStatus,
  finished: [number, string] | null,
  commit: [number, string] | null,
  rollbackOf?: number,
];

const places: Array<{ service: string; team: string; environment: string; type: string; rows: Row[] }> = [
  {
    service: 'shop',
    team: 'payments',
    environment: 'shop-prod',
    type: 'production',
    rows: [
      ['healthy', [-7, '10:00'], [-7, '08:00']],
      ['healthy', [1, '12:00'], [1, '09:00']],
      ['failed', [2, '10:00'], [2, '08:00']],
      ['healthy', [2, '10:30'], [1, '09:00'], 2],
      ['healthy', [8, '09:00'], [7, '09:00']],
      ['healthy', [8, '09:40'], [8, '09:20']],
      ['healthy', [15, '15:00'], null],
      ['healthy', [15, '16:00'], [8, '09:20'], 6],
      ['superseded', [16, '00:00'], [15, '23:00']],
      ['healthy', [19, '10:00'], [19, '09:00']],
    ],
  },
  {
    service: 'cart',
    team: 'payments',
    environment: 'cart-prod',
    type: 'production',
    rows: [
      ['healthy', [3, '14:00'], [3, '12:00']],
      ['degraded', [10, '06:00'], [9, '06:00']],
      ['failed', [10, '08:00'], [10, '07:00']],
      ['healthy', [14, '08:00'], [14, '06:00']],
      ['queued', null, [17, '06:00']],
    ],
  },
  {
    service: 'search',
    team: 'discovery',
    environment: 'search-prod',
    type: 'production',
    rows: [
      ['healthy', [11, '12:00'], [4, '12:00']],
      ['failed', [17, '12:00'], [17, '10:00']],
      ['healthy', [18, '13:00'], [18, '11:00']],
    ],
  },
  {
    service: 'shop',
    team: 'payments',
    environment: 'shop-staging',
    type: 'staging',
    rows: [
      ['healthy', [1, '10:00'], [1, '09:00']],
      ['failed', [2, '09:00'], [2, '08:00']],
    ],
  },
];

/** Stores the history with its teams, services and environments. */
export async function seedHistory(db: Kysely<Schema>, monday: Date): Promise<void> {
  for (const team of ['payments', 'discovery']) await createTeam(db, { name: team });
  for (const place of places) {
    const service = await ensureService(db, place.service, place.team);
    const context: EnvironmentContext = {
      name: place.environment,
      type: place.type,
      namespace: place.environment,
      routeKind: 'Ingress',
      defaults: { replicas: 1, progressDeadlineSeconds: 60 },
    };
    const environment = await storeEnvironment(db, context, null, day(monday, -30));
    const ids: string[] = [];
    for (const [status, finished, commit, rollbackOf] of place.rows) {
      // A finished row is finished in the insert's own transaction: the running engine of a
      // server test claims any queued release it sees, and would roll this one out for real.
      const finish = async (tx: Kysely<Schema>, release: { id: string }): Promise<void> => {
        if (!finished) return;
        const at = day(monday, ...finished);
        const moved = await advanceRelease(tx, release.id, ['queued'], { status, startedAt: at, finishedAt: at });
        if (!moved) throw new Error(`seeded release ${place.environment} #${ids.length + 1} was not queued`);
      };
      const release = await createRelease(
        db,
        {
          serviceId: service.id,
          environmentId: environment.id,
          contentHash: `sha256:${place.environment}-${ids.length + 1}`,
          image: 'nginx:1.27',
          commitSha: commit ? 'abc1234' : null,
          commitTime: commit ? day(monday, ...commit) : null,
          createdBy: 'seed',
          reason: null,
          workload: { apiVersion: 'score.dev/v1b1', metadata: { name: place.service } },
          objects: [],
          rollbackOf: rollbackOf === undefined ? null : (ids[rollbackOf - 1] ?? null),
        },
        finish,
      );
      ids.push(release.id);
    }
  }
}

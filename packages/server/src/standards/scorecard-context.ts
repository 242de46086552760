import { buildCelContext, type CelContext, type EnvironmentType, type ScoreWorkload } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { findEnvironmentType } from '../db/stores/environment-types.ts';
import { lastApplied, type ReleaseRecord } from '../db/stores/releases.ts';
import { environmentsRunning } from '../db/stores/scorecards.ts';
import { serviceRow } from '../db/stores/service-facts.ts';
import { gatherFacts } from './facts.ts';

const dayMs = 86_400_000;

/** Where a scorecard looks at a service: its release in a production-like environment, if any. */
export interface ScorecardSubject {
  context: CelContext;
  environment: string | null;
  release: number | null;
}

/**
 * What a scorecard's rules see about a service (docs/cel.md, "In scorecards"). A scorecard is
 * about a service, not a deploy: `workload` and `objects` are those of its current release
 * (newest healthy, else newest applied) in its production-like environment — one of type
 * `production`, else one whose type asks for approval and never expires — and empty when it
 * runs in none. `facts` are narrowed to that environment, plus `daysSinceLastDeploy`.
 */
export async function scorecardSubject(db: Kysely<Schema>, service: string, now: Date): Promise<ScorecardSubject> {
  const row = await serviceRow(db, service);
  const target = row ? await productionLike(db, row.id) : null;
  const release = row && target ? await currentRelease(db, row.id, target.id) : null;
  const { entity, facts } = await gatherFacts(db, { service, ...(target ? { environmentId: target.id } : {}) }, now);
  const context = buildCelContext({
    workload: (release?.workload as ScoreWorkload | undefined) ?? emptyWorkload(service),
    objects: release?.objects ?? [],
    environment: { name: target?.name ?? '' },
    environmentType: target?.type ?? { name: '', requiresApproval: false, ttlSeconds: null },
    service: entity,
    facts,
  });
  const last = facts.lastDeployAt ? Date.parse(facts.lastDeployAt) : null;
  // A derived fact: CEL has no clock of its own, and "deployed in the last 30 days" needs one.
  Object.assign(context.facts, { daysSinceLastDeploy: last === null ? null : (now.getTime() - last) / dayMs });
  return { context, environment: target?.name ?? null, release: release?.number ?? null };
}

async function productionLike(
  db: Kysely<Schema>,
  serviceId: string,
): Promise<{ id: string; name: string; type: EnvironmentType } | null> {
  const environments = await environmentsRunning(db, serviceId);
  const typed = await Promise.all(
    environments.map(async (e) => ({ ...e, type: await findEnvironmentType(db, e.type) })),
  );
  const known = typed.filter((e): e is typeof e & { type: EnvironmentType } => e.type !== undefined);
  return (
    known.find((e) => e.type.name === 'production') ??
    known.find((e) => e.type.requiresApproval && e.type.ttlSeconds === null) ??
    null
  );
}

async function currentRelease(db: Kysely<Schema>, serviceId: string, environmentId: string) {
  const release: ReleaseRecord | undefined =
    (await lastApplied(db, serviceId, environmentId, { status: ['healthy'] })) ??
    (await lastApplied(db, serviceId, environmentId));
  return release ?? null;
}

function emptyWorkload(name: string): ScoreWorkload {
  return { apiVersion: 'score.dev/v1b1', metadata: { name }, containers: {} } as ScoreWorkload;
}

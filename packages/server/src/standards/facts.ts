import {
  type CatalogEntity,
  type CelDoraFacts,
  type CelFacts,
  type Verification,
  verificationVerdict,
} from '@slipway/core';
import type { Kysely } from 'kysely';
import { doraAnswer } from '../analytics/dora.ts';
import type { Schema } from '../db/schema.ts';
import { standingReleaseDrifted } from '../db/stores/drift.ts';
import {
  hasDocs,
  lastHealthyAt,
  lastVerification,
  pendingApprovals,
  serviceEntity,
  serviceRow,
} from '../db/stores/service-facts.ts';

/**
 * What the platform knows about a service beyond its files: the `facts` and `service` variables
 * of CEL policies and scorecards (docs/cel.md). Gathered from the database only, so a policy
 * check at deploy time costs a handful of indexed reads and never waits on a cluster; drift is
 * what the periodic drift scan last found (drift/scanner.ts).
 */
export interface ServiceFacts {
  /** The catalog's `component:default/NAME`, the service's entity; null when not in the catalog. */
  entity: CatalogEntity | null;
  facts: CelFacts;
}

export interface FactsQuery {
  service: string;
  /** Narrows the last deploy, the verification and drift to one environment (a deploy's target). */
  environmentId?: string;
}

export async function gatherFacts(db: Kysely<Schema>, query: FactsQuery, now: Date): Promise<ServiceFacts> {
  const [service, entity] = await Promise.all([serviceRow(db, query.service), serviceEntity(db, query.service)]);
  const [docs, lastDeployAt, openApprovals, verification, dora, drift] = await Promise.all([
    hasDocs(db, entity),
    service ? lastHealthyAt(db, service.id, query.environmentId) : null,
    service ? pendingApprovals(db, service.id) : 0,
    service ? lastVerification(db, service.id, query.environmentId) : null,
    service ? doraOf(db, query.service, now) : undefined,
    service ? standingReleaseDrifted(db, service.id, query.environmentId) : false,
  ]);
  const owner = service?.owner_team ?? ownerOf(entity?.entity ?? null);
  return {
    entity: entity?.entity ?? null,
    facts: {
      owner,
      docsPresent: docs,
      lastDeployAt: lastDeployAt?.toISOString() ?? null,
      drift,
      openApprovals,
      dora: dora ?? noDora,
      verification: verification && verdictOf(verification, now),
    },
  };
}

const noDora: CelDoraFacts = {
  deploymentsPerDay: 0,
  leadTimeSeconds: null,
  changeFailureRate: null,
  timeToRestoreSeconds: null,
};

/** The service's DORA figures in production over the default window (docs/analytics.md). */
async function doraOf(db: Kysely<Schema>, service: string, now: Date): Promise<CelDoraFacts> {
  const { figures } = await doraAnswer(db, { service }, now);
  return {
    deploymentsPerDay: figures.deploymentsPerDay ?? 0,
    leadTimeSeconds: figures.leadTime.medianSeconds,
    changeFailureRate: figures.changeFailure.rate,
    timeToRestoreSeconds: figures.timeToRestore.medianSeconds,
  };
}

/** Whether the checks passed, failed or still run, and when they began. */
function verdictOf(verification: Verification, now: Date): CelFacts['verification'] {
  return {
    status: verificationVerdict(verification, now.getTime()).state,
    at: new Date(verification.startedAt).toISOString(),
  };
}

function ownerOf(entity: CatalogEntity | null): string | null {
  const owner = entity?.spec?.owner;
  return typeof owner === 'string' ? owner : null;
}

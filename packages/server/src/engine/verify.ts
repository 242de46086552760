import {
  dueChecks,
  type KubeObject,
  type RolloutAssessment,
  releaseChecks,
  sampleOf,
  startVerification,
  type Verification,
  type VerificationCheck,
  verificationVerdict,
  withSamples,
} from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { findEnvironmentType } from '../db/stores/environment-types.ts';
import type { EnvironmentRecord } from '../db/stores/environments.ts';
import type { ReleaseProgress, ReleaseRecord } from '../db/stores/releases.ts';
import { getServiceById, getServiceChecks } from '../db/stores/services.ts';
import { pause } from './pause.ts';

/** What a check's query is asked about: the release's service in its environment, on its cluster. */
export interface SampleTarget {
  clusterId: string | null;
  service: { id: string; name: string };
  environment: { id: string; name: string; context: { namespace: string } };
  /** The release's rendered objects: which pods are its own. */
  objects: readonly KubeObject[];
}

/** Answers one instant query of a check (the metrics service); an error is an unknown sample. */
export interface CheckSampler {
  sample(target: SampleTarget, query: string, at: Date): Promise<{ values: number[] } | { error: string }>;
}

/** How the verification of a release ended, or that it was cut short (superseded, stopping). */
export type VerifyOutcome = { state: 'passed' | 'failed'; message: string } | { state: 'aborted' };

export interface VerifyDeps {
  db: Kysely<Schema>;
  sampler: CheckSampler | null;
  now: () => Date;
  /** Stores the samples so far (only while `verifying`); false: the release moved on. */
  record: (verification: Verification, message: string) => Promise<boolean>;
  onProgress: (message: string) => void;
}

/**
 * The checks a release must pass once Healthy: its environment type's and its service's that
 * apply there, as they are now. A rollback has none: it restores a release that was good, and
 * failing it would have nowhere to go back to.
 */
export async function checksFor(
  db: Kysely<Schema>,
  release: ReleaseRecord,
  environment: Pick<EnvironmentRecord, 'type'>,
): Promise<VerificationCheck[]> {
  if (release.rollbackOf) return [];
  const [type, own] = await Promise.all([
    findEnvironmentType(db, environment.type),
    getServiceChecks(db, release.serviceId),
  ]);
  return releaseChecks(type?.verification?.checks ?? [], own, environment.type);
}

/** Moves a Healthy release on to `verifying`, with its checks and their clock stored. */
export async function beginVerifying(
  deps: { advance: (progress: ReleaseProgress) => Promise<boolean>; now: () => Date },
  checks: readonly VerificationCheck[],
  assessment: RolloutAssessment,
): Promise<Verification | undefined> {
  const verification = startVerification(checks, deps.now().getTime());
  const message = `${assessment.message}; verifying ${checks.map((c) => c.name).join(', ')}`;
  const moved = await deps.advance({ status: 'verifying', verification, health: assessment, message });
  return moved ? verification : undefined;
}

/**
 * Samples a verifying release's checks until they decide, storing every sample with the
 * release: one instant query per check per interval, whatever else runs. A restart picks the
 * stored samples up and goes on from there; a sample the engine was down for is simply missing
 * (the verdict needs half of them decided). Prometheus not answering makes a sample unknown,
 * never failed; the release says so while it lasts.
 */
export async function verifyRelease(
  deps: VerifyDeps,
  release: ReleaseRecord,
  environment: EnvironmentRecord,
  verification: Verification,
  signal: AbortSignal,
): Promise<VerifyOutcome> {
  const service = await getServiceById(deps.db, release.serviceId);
  const target: SampleTarget = { clusterId: environment.clusterId, service, environment, objects: release.objects };
  let current = verification;
  for (;;) {
    const verdict = verificationVerdict(current, deps.now().getTime());
    if (verdict.state !== 'running') return { state: verdict.state, message: verdict.message };
    const wait = (verdict.nextAt ?? 0) - deps.now().getTime();
    if (wait > 0 && !(await pause(wait, signal))) return { state: 'aborted' };
    if (signal.aborted) return { state: 'aborted' };
    const at = deps.now();
    const due = dueChecks(current, at.getTime());
    if (due.length === 0) continue;
    const taken = await Promise.all(
      due.map(async (check) => ({
        check: check.name,
        sample: sampleOf(at.getTime(), await ask(deps.sampler, target, check.query, at), check.condition),
      })),
    );
    current = withSamples(current, taken);
    const { message } = verificationVerdict(current, at.getTime());
    if (!(await deps.record(current, message))) return { state: 'aborted' };
    deps.onProgress(message);
  }
}

function ask(sampler: CheckSampler | null, target: SampleTarget, query: string, at: Date) {
  if (!sampler) return Promise.resolve({ error: 'No metrics source is configured' });
  return sampler.sample(target, query, at);
}

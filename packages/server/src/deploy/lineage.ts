import type { KubeObject } from '@slipway/core';
import type { NewRelease, ReleaseInputs, ReleaseRecord } from '../db/stores/releases.ts';

/**
 * A new release made from an earlier one. This is the one place that decides what it takes
 * from the earlier release and what is its own, for every way of making one — a rollback (asked
 * for, or the engine's automatic one), a promotion, a redeploy (which clones and previews use
 * too) — so that the ways cannot drift apart (once, the automatic rollback forgot the inputs,
 * and a promotion of what it restored lost its image and files).
 *
 * Every step copies the service, the workload and the inputs (image override, file contents).
 * - rollback: also the objects and content hash exactly as rendered then, the image and the
 *   commit (and its time); linked by rollbackOf; no automatic rollback of its own (it would go round in
 *   circles). Its objects were not dry-run now (validatedAt null): the engine dry-runs them.
 * - promotion: rendered again for the target environment from the same inputs; the image and
 *   commit and its time copied; linked by promotedFrom.
 * - redeploy: rendered again, with a new image if one is given; the commit given (with its time,
 *   if known), else the earlier one's commit and time.
 * Always its own: who asked, why, and whether it waits for approval (the caller decides that
 * from the environment's type; a rollback to a release that was healthy there waits for none).
 */
export type ReleaseStep =
  | { kind: 'rollback' }
  | { kind: 'promotion'; rendered: Rendering }
  | { kind: 'redeploy'; rendered: Rendering; commit?: string | null | undefined; commitTime?: Date | null | undefined };

/**
 * What of a release comes from rendering it for an environment and the dry run there: for a
 * deploy, or for an earlier release rendered again from `inputsFrom`.
 */
export interface Rendering {
  environmentId: string;
  inputs: ReleaseInputs;
  image: string | null;
  /** As stored: Secret values sealed. */
  objects: KubeObject[];
  contentHash: string;
  /** When the API server dry-ran the objects. */
  validatedAt: Date;
}

/** What is the new release's own. */
export interface ReleaseOwnPart {
  createdBy: string;
  reason: string;
  approvalExpiresAt: Date | null;
}

/** What rendering the earlier release again is given: its inputs, with a new image if one is asked for. */
export function inputsFrom(source: ReleaseRecord, image?: string): ReleaseInputs {
  return { ...source.inputs, ...(image ? { image } : {}) };
}

/** The row of a new release made from `source` (see ReleaseStep for what it copies). */
export function releaseFrom(source: ReleaseRecord, step: ReleaseStep, own: ReleaseOwnPart): NewRelease {
  const copied = {
    serviceId: source.serviceId,
    environmentId: source.environmentId,
    workload: source.workload,
    inputs: source.inputs,
    image: source.image,
    commitSha: source.commitSha,
    commitTime: source.commitTime,
    objects: source.objects,
    contentHash: source.contentHash,
    ...own,
  };
  switch (step.kind) {
    case 'rollback':
      return { ...copied, rollbackOf: source.id, autoRollback: false, validatedAt: null };
    case 'promotion':
      return { ...copied, ...step.rendered, promotedFrom: source.id, autoRollback: true };
    case 'redeploy':
      return { ...copied, ...step.rendered, ...redeployedCommit(source, step), autoRollback: true };
  }
}

/** A redeploy of a new commit takes that commit's time (unknown unless given); else the source's. */
function redeployedCommit(
  source: ReleaseRecord,
  step: { commit?: string | null | undefined; commitTime?: Date | null | undefined },
): Pick<NewRelease, 'commitSha' | 'commitTime'> {
  if (!step.commit || step.commit === source.commitSha) {
    return { commitSha: source.commitSha, commitTime: step.commitTime ?? source.commitTime };
  }
  return { commitSha: step.commit, commitTime: step.commitTime ?? null };
}

import {
  activeFreezes,
  type EnvironmentType,
  evaluatePolicies,
  freezeMessage,
  type KubeObject,
  policyError,
  type ScoreWorkload,
  SlipwayError,
} from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { EnvironmentRecord } from '../db/stores/environments.ts';
import { currentFreezes } from '../db/stores/freezes.ts';

/**
 * The platform's rules every way into an environment passes (deploy, promotion, clone,
 * preview, approval): deploy freezes, then the policies of the environment's type.
 */

/** Refuses while a blocking freeze covers the environment; returns the warnings of the others. */
export async function checkFreezes(db: Kysely<Schema>, environment: EnvironmentRecord, now: Date): Promise<string[]> {
  const freezes = await currentFreezes(db, now);
  const { blocking, warnings } = activeFreezes(freezes, { environment: environment.name, type: environment.type }, now);
  const first = blocking[0];
  if (first) {
    throw new SlipwayError('frozen', `${freezeMessage(first)} (environment ${environment.name})`, {
      hint: 'Wait for the freeze to end, or ask a platform engineer to end it: slipway freeze delete NAME.',
    });
  }
  return warnings.map(freezeMessage);
}

/** Refuses a release that breaks a policy of the environment's type, naming every field. */
export function checkPolicies(
  type: EnvironmentType | undefined,
  environment: string,
  release: { workload: ScoreWorkload; objects: readonly KubeObject[] },
): void {
  if (!type || type.policies.length === 0) return;
  const violations = evaluatePolicies(type.policies, release);
  if (violations.length > 0) throw policyError(environment, violations);
}

/** When a release to this environment stops waiting for approval; null if it needs none. */
export function approvalDeadline(type: EnvironmentType | undefined, now: Date): Date | null {
  if (!type?.requiresApproval) return null;
  return new Date(now.getTime() + type.approvalTtlSeconds * 1000);
}

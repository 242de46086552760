import type { RolloutAssessment } from '@slipway/core';

/**
 * What a release in progress shows while the cluster cannot be reached: still Progressing,
 * with the last state observed, why and since when. Never a verdict: not seeing the cluster
 * says nothing about the rollout, which goes on there meanwhile.
 */
export function unreachable(last: RolloutAssessment | undefined, since: Date, reason: string): RolloutAssessment {
  return {
    status: 'Progressing',
    message:
      `Cannot reach the cluster since ${clockTime(since)}: ${reason}; retrying. ` +
      'The release is judged once the cluster answers; if this lasts, check that its API server is up and reachable from Slipway.',
    resources: last?.resources ?? [],
    failures: last?.failures ?? [],
    progress: last?.progress ?? { desired: 0, updated: 0, ready: 0, available: 0 },
  };
}

/** 10:02:03 UTC: outages are short next to a day, and UTC reads the same on every screen. */
const clockTime = (at: Date): string => `${at.toISOString().slice(11, 19)} UTC`;

import type { KubeObject } from '../kube/object.ts';
import type { ScoreWorkload } from '../workload/types.ts';

/** What a policy looks at: the workload as written and the objects rendered from it for one release. */
export interface PolicyInput {
  workload: ScoreWorkload;
  objects: readonly KubeObject[];
}

/** One thing a release does that a policy forbids. */
export interface PolicyViolation {
  /** Name of the policy, e.g. `no-latest-tag`. */
  policy: string;
  /**
   * JSON Pointer to the offending field: into the Score workload (`/containers/web/image`) when it
   * comes from there, else into the rendered objects (`/objects/<kind>/<name>/spec/...`).
   */
  path: string;
  message: string;
}

/** A deploy policy that platform engineers attach to environment types. Pure: no I/O. */
export interface PolicyDefinition {
  name: string;
  /** One sentence on what the policy requires. */
  description: string;
  /** What to do about a violation, in plain words; `policyError` puts it in its hint. */
  remedy?: string;
  check(input: PolicyInput): PolicyViolation[];
}

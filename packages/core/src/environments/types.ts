import type { EnvironmentAccess } from '../access/decide.ts';
import type { SignalOverrides } from '../metrics/signals.ts';
import type { VerificationSettings } from '../verification/verification.ts';
import type { EnvironmentDefaults, ResourceAmounts } from './context.ts';
import { defaultsFor } from './presets.ts';

/**
 * An environment type as platform engineers define it: what rendering starts from, how much
 * of the cluster an environment may take, and which guard rails apply to deploying to it.
 */
export interface EnvironmentType {
  /** A DNS label, e.g. `production`. */
  name: string;
  description: string;
  defaults: EnvironmentDefaults;
  /** The `spec.hard` of the namespace's ResourceQuota, e.g. `{ 'requests.cpu': '4', pods: '50' }`. */
  quota?: Record<string, string>;
  /** The namespace's LimitRange for containers that do not state their own resources. */
  limits?: ContainerLimits;
  /** Ids of the platform provisioners environments of this type may use; undefined means all. */
  provisioners?: string[];
  /** Names of the built-in policies that apply (validated where policies live). */
  policies: string[];
  /** Deploys need approval by someone other than the requester. */
  requiresApproval: boolean;
  /** How long a pending approval waits before it expires. */
  approvalTtlSeconds: number;
  /** Default time-to-live of environments of this type; set means they are ephemeral. */
  ttlSeconds: number | null;
  /**
   * The least roles to deploy to and approve for environments of this type; either may be left
   * out (the default then applies): read it through `accessOf`.
   */
  access?: Partial<EnvironmentAccess>;
  /** How services' metrics are read in environments of this type (docs/metrics.md). */
  metrics?: { signals?: SignalOverrides };
  /** Metric checks releases must pass once Healthy (metric-gated rollouts, docs/metrics.md). */
  verification?: VerificationSettings;
}

/** Developers deploy, maintainers approve, unless the type asks for more. */
export const defaultEnvironmentAccess: Readonly<EnvironmentAccess> = Object.freeze({
  deploy: 'developer',
  approve: 'maintainer',
});

export function accessOf(type: Pick<EnvironmentType, 'access'> | null | undefined): EnvironmentAccess {
  return { ...defaultEnvironmentAccess, ...type?.access };
}

/** A LimitRange item of type `Container`. */
export interface ContainerLimits {
  defaultRequest?: ResourceAmounts;
  default?: ResourceAmounts;
  max?: ResourceAmounts;
}

const day = 24 * 60 * 60;

/** Where developers iterate: a small, capped namespace, so one runaway service cannot starve the cluster. */
const smallQuota = { 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.memory': '16Gi', pods: '50' };

/**
 * The LimitRange mirrors the type's default container resources, so containers the renderer
 * did not touch (an init container from a Helm chart, a debug pod) get the same sizing.
 */
function limitsFrom(defaults: EnvironmentDefaults): ContainerLimits {
  const limits: ContainerLimits = {};
  if (defaults.resources?.requests) limits.defaultRequest = { ...defaults.resources.requests };
  if (defaults.resources?.limits) limits.default = { ...defaults.resources.limits };
  return limits;
}

function builtin(
  name: string,
  description: string,
  rest: Omit<EnvironmentType, 'name' | 'description' | 'defaults' | 'approvalTtlSeconds'>,
): EnvironmentType {
  // A deep copy: changing a type's defaults must not change the presets rendering reads.
  const defaults = structuredClone(defaultsFor(name));
  return { name, description, defaults, limits: limitsFrom(defaults), approvalTtlSeconds: day, ...rest };
}

/**
 * The environment types Slipway ships with, built on `environmentTypePresets`. Production has
 * no quota: capping it is a capacity decision the platform team makes, not a default.
 */
export const builtinEnvironmentTypes: readonly EnvironmentType[] = Object.freeze([
  builtin('development', 'Long-lived environments where developers try their changes.', {
    quota: { ...smallQuota },
    policies: [],
    requiresApproval: false,
    ttlSeconds: null,
  }),
  builtin('preview', 'One short-lived environment per pull request; removed after a week.', {
    quota: { ...smallQuota },
    policies: [],
    requiresApproval: false,
    ttlSeconds: 7 * day,
  }),
  builtin('staging', 'Production-like environments for the last checks before release.', {
    quota: { 'requests.cpu': '8', 'requests.memory': '16Gi', 'limits.memory': '32Gi', pods: '100' },
    policies: ['no-latest-tag'],
    requiresApproval: false,
    ttlSeconds: null,
  }),
  builtin('production', 'Where users are: deploys need a second pair of eyes.', {
    policies: ['no-latest-tag', 'require-resource-limits'],
    requiresApproval: true,
    ttlSeconds: null,
    access: { deploy: 'maintainer', approve: 'maintainer' },
  }),
]);

import type { EnvironmentDefaults } from './context.ts';

/**
 * Defaults of the environment types Slipway ships with. Cheap and quick where developers
 * iterate, careful where users are: production runs more replicas, autoscales, keeps a
 * disruption budget and gives a rollout longer before calling it failed.
 */
export const environmentTypePresets: Readonly<Record<string, EnvironmentDefaults>> = {
  development: {
    replicas: 1,
    progressDeadlineSeconds: 120,
    resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } },
  },
  preview: {
    replicas: 1,
    progressDeadlineSeconds: 120,
    resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } },
  },
  staging: {
    replicas: 2,
    progressDeadlineSeconds: 300,
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
    disruptionBudget: { maxUnavailable: 1 },
  },
  production: {
    replicas: 3,
    progressDeadlineSeconds: 600,
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
    autoscaling: { minReplicas: 3, maxReplicas: 10, targetCPUUtilizationPercentage: 70 },
    disruptionBudget: { maxUnavailable: 1 },
  },
};

/** The defaults of a type, with overrides; an unknown type starts from development's. */
export function defaultsFor(type: string, overrides: Partial<EnvironmentDefaults> = {}): EnvironmentDefaults {
  const base = environmentTypePresets[type] ?? (environmentTypePresets.development as EnvironmentDefaults);
  return { ...base, ...overrides };
}

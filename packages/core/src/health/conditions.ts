import type { KubeObject } from '../kube/object.ts';
import { type Condition, conditions, generationBehind } from './fields.ts';
import { type HealthResult, healthResult } from './status.ts';

/** Reasons that name a failure rather than a step on the way (Flux, Crossplane, cert-manager...). */
const failureReason = /fail|error|invalid|denied|forbidden|exhausted|exceeded|backoff/i;

/**
 * Any other kind, typically a custom resource, by the conventions most controllers follow:
 * kstatus' Stalled/Reconciling, then a Ready or Available condition. gitops-engine gives such
 * kinds no health at all; Slipway reads what is standard and calls the rest Healthy when present.
 */
export function conditionsHealth(obj: KubeObject): HealthResult {
  if (obj.status?.observedGeneration !== undefined && generationBehind(obj)) {
    return healthResult('Progressing', 'Waiting for the controller to pick up the latest change');
  }
  const conds = conditions(obj);
  const stalled = conds.find((c) => c.type === 'Stalled' && c.status === 'True');
  if (stalled) return healthResult('Degraded', describe(stalled));
  const reconciling = conds.find((c) => c.type === 'Reconciling' && c.status === 'True');
  if (reconciling) return healthResult('Progressing', describe(reconciling));
  const ready = conds.find((c) => c.type === 'Ready') ?? conds.find((c) => c.type === 'Available');
  if (!ready) return healthResult('Healthy', '');
  if (ready.status === 'True') return healthResult('Healthy', ready.message ?? '');
  // Ready=False is usually a step on the way (Issuing, Creating); only a failure reason degrades.
  if (ready.status === 'False' && failureReason.test(ready.reason ?? ''))
    return healthResult('Degraded', describe(ready));
  return healthResult('Progressing', describe(ready));
}

const describe = (c: Condition): string =>
  [c.reason, c.message].filter(Boolean).join(': ') || `${c.type} is ${c.status}`;

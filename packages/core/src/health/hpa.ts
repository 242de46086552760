import type { KubeObject } from '../kube/object.ts';
import { type Condition, conditions, conditionsIn, type Json } from './fields.ts';
import { type HealthResult, healthResult } from './status.ts';

/** Failures that mean the autoscaler cannot act on its target at all (gitops-engine's list). */
const broken: ReadonlyArray<[type: string, reason: string]> = [
  ['AbleToScale', 'FailedGetScale'],
  ['AbleToScale', 'FailedUpdateScale'],
  ['ScalingActive', 'InvalidSelector'],
];

/**
 * A HorizontalPodAutoscaler by its conditions. gitops-engine returns on the first condition that
 * is either broken or healthy, so the verdict depends on their order; Slipway looks for a broken
 * one first. Missing metrics (FailedGet*Metric) stay Healthy with a warning, as they do in Argo
 * in practice (AbleToScale=True comes first there): metrics are legitimately absent for the first
 * minute of a rollout, and the workload runs at its current size meanwhile.
 */
export function hpaHealth(hpa: KubeObject): HealthResult {
  const conds = hpaConditions(hpa);
  const fault = conds.find((c) => broken.some(([type, reason]) => c.type === type && c.reason === reason));
  if (fault) return healthResult('Degraded', fault.message ?? fault.reason ?? 'The autoscaler cannot scale its target');
  const ok = conds.find((c) => (c.type === 'AbleToScale' || c.type === 'ScalingLimited') && c.status === 'True');
  if (!ok) return healthResult('Progressing', 'Waiting for the autoscaler to start');
  const metrics = conds.find(
    (c) => c.type === 'ScalingActive' && c.status === 'False' && /^FailedGet/.test(c.reason ?? ''),
  );
  if (metrics)
    return healthResult(
      'Healthy',
      `The autoscaler cannot read its metrics, so it will not scale: ${metrics.message ?? ''}`.trim(),
    );
  return healthResult('Healthy', ok.message ?? '');
}

/** autoscaling/v1 carries conditions in an annotation; v2 in status. */
function hpaConditions(hpa: KubeObject): Condition[] {
  const annotation = hpa.metadata.annotations?.['autoscaling.alpha.kubernetes.io/conditions'];
  if (!annotation) return conditions(hpa);
  try {
    return conditionsIn(JSON.parse(annotation) as Json[]);
  } catch {
    return conditions(hpa);
  }
}

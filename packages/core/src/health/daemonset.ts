import type { KubeObject } from '../kube/object.ts';
import { field, generationBehind, num, str } from './fields.ts';
import { type HealthResult, healthResult } from './status.ts';

/**
 * A DaemonSet, by gitops-engine's rules: spec observed, every scheduled pod updated, then every
 * one available. With OnDelete the "updated" step is skipped (pods update only when deleted).
 */
export function daemonSetHealth(ds: KubeObject): HealthResult {
  if (generationBehind(ds))
    return healthResult('Progressing', 'Waiting for the controller to pick up the latest change');
  const desired = num(ds.status?.desiredNumberScheduled);
  const updated = num(ds.status?.updatedNumberScheduled);
  const available = num(ds.status?.numberAvailable);
  const onDelete = str(field(ds.spec, 'updateStrategy', 'type')) === 'OnDelete';
  if (!onDelete && updated < desired)
    return healthResult('Progressing', `${updated} of ${desired} pods updated so far`);
  // Argo calls an OnDelete DaemonSet Healthy before looking at availability; Slipway still
  // requires its pods to be available, as Argo itself does for an OnDelete StatefulSet.
  if (available < desired) return healthResult('Progressing', `${available} of ${desired} pods available so far`);
  return healthResult('Healthy', `${available} of ${desired} pods available`);
}

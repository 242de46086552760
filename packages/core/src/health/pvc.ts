import type { KubeObject } from '../kube/object.ts';
import { str } from './fields.ts';
import { type HealthResult, healthResult } from './status.ts';

/**
 * A PersistentVolumeClaim by its phase (gitops-engine's rule). Pending is Progressing because
 * a WaitForFirstConsumer storage class binds only once a pod using the claim is scheduled.
 */
export function pvcHealth(pvc: KubeObject): HealthResult {
  switch (str(pvc.status?.phase)) {
    case 'Bound':
      return healthResult('Healthy', 'Bound to a volume');
    case 'Pending':
      return healthResult('Progressing', 'Waiting for a volume to be bound');
    case 'Lost':
      return healthResult('Degraded', 'The volume behind this claim is lost');
    default:
      return healthResult('Unknown', 'The claim has no phase yet');
  }
}

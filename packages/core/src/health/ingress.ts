import type { KubeObject } from '../kube/object.ts';
import { loadBalancerAddresses } from './service.ts';
import { type HealthResult, healthResult } from './status.ts';

/**
 * An Ingress is Healthy once its controller has published an address (gitops-engine's rule).
 * Note that a controller that never publishes status keeps it Progressing: that is a cluster
 * setup problem (e.g. ingress-nginx without --publish-service) worth surfacing, as Argo does.
 */
export function ingressHealth(ing: KubeObject): HealthResult {
  const addresses = loadBalancerAddresses(ing);
  if (addresses.length === 0)
    return healthResult('Progressing', 'Waiting for the ingress controller to publish an address');
  return healthResult('Healthy', `Served at ${addresses.join(', ')}`);
}

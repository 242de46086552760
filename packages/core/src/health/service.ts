import type { KubeObject } from '../kube/object.ts';
import { field, list, str } from './fields.ts';
import { type HealthResult, healthResult } from './status.ts';

/** Addresses a cloud load balancer published in `status.loadBalancer.ingress`. */
export function loadBalancerAddresses(obj: KubeObject): string[] {
  return list(field(obj.status, 'loadBalancer', 'ingress')).map((i) => str(i.hostname) ?? str(i.ip) ?? '?');
}

/**
 * A Service is Healthy as soon as it exists, except a LoadBalancer, which is Progressing until
 * the cloud has given it an address (gitops-engine's rule).
 */
export function serviceHealth(svc: KubeObject): HealthResult {
  if (str(svc.spec?.type) !== 'LoadBalancer') return healthResult('Healthy', '');
  const addresses = loadBalancerAddresses(svc);
  if (addresses.length === 0) return healthResult('Progressing', 'Waiting for the load balancer to get an address');
  return healthResult('Healthy', `Load balancer at ${addresses.join(', ')}`);
}

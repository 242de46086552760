import type { KubeObject } from '../kube/object.ts';
import { conditionsIn, field, list, num, str } from './fields.ts';
import { type HealthResult, healthResult } from './status.ts';

/**
 * A Gateway API HTTPRoute (Slipway renders one when the cluster has the Gateway API). Each parent
 * Gateway reports Accepted and ResolvedRefs: False on either is a configuration error (no such
 * listener, backend Service missing), not something time will fix. No parent status yet means
 * no Gateway has looked at the route. Not in gitops-engine (Argo CD ships it as a Lua script).
 */
export function httpRouteHealth(route: KubeObject): HealthResult {
  const parents = list(route.status?.parents);
  if (parents.length === 0) return healthResult('Progressing', 'Waiting for a Gateway to accept the route');
  const generation = num(route.metadata.generation);
  for (const parent of parents) {
    const gateway = str(field(parent, 'parentRef', 'name')) ?? 'its Gateway';
    const conds = conditionsIn(parent.conditions);
    if (conds.some((c) => num(c.observedGeneration, generation) < generation)) {
      return healthResult('Progressing', `Waiting for ${gateway} to pick up the latest change`);
    }
    const rejected = conds.find((c) => (c.type === 'Accepted' || c.type === 'ResolvedRefs') && c.status === 'False');
    if (rejected)
      return healthResult('Degraded', `${gateway}: ${rejected.message || rejected.reason || rejected.type}`);
    if (!conds.some((c) => c.type === 'Accepted' && c.status === 'True')) {
      return healthResult('Progressing', `Waiting for ${gateway} to accept the route`);
    }
  }
  return healthResult('Healthy', `Accepted by ${parents.length === 1 ? 'its Gateway' : `${parents.length} Gateways`}`);
}

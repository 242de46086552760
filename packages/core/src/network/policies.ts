import type { KubeObject } from '../kube/object.ts';

/** Every environment namespace holds this policy: no pod takes traffic unless another policy admits it. */
export const defaultDenyPolicyName = 'slipway-default-deny';

/**
 * Selects every pod of the namespace and admits nothing: the base the per-workload policies
 * open holes in (NetworkPolicies only ever add what is allowed). Egress stays open on purpose:
 * workloads reach databases, queues and APIs outside the cluster whose addresses Slipway does
 * not know, and DNS must keep working; closing it is left to the platform's own policies.
 */
export function defaultDenyPolicy(namespace: string, labels: Record<string, string>): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: defaultDenyPolicyName, namespace, labels: { ...labels } },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  };
}

/** A port of a NetworkPolicy rule: the port the pod listens on (a Service's targetPort), not the Service's. */
export interface PolicyPort {
  port: number;
  protocol: 'TCP' | 'UDP';
}

/** Sorted and without repeats, so the same ports always render the same rule. */
export function uniquePorts(ports: readonly PolicyPort[]): PolicyPort[] {
  const byKey = new Map(ports.map((p) => [`${p.protocol}/${p.port}`, p]));
  return [...byKey.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

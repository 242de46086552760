import { kubeName } from '../workload/names.ts';

/**
 * The pod labels network isolation is built on. A workload's pods say what they may reach by
 * carrying a label per dependency; the NetworkPolicy of what they reach admits pods with that
 * label. Each side is rendered alone, from its own Score file: neither needs to see the other.
 */
export const dependencyLabelPrefix = 'deps.slipway.dev';
export const resourceLabelPrefix = 'resources.slipway.dev';

/** The label Kubernetes (1.21+) puts on every namespace: its own name. */
export const namespaceNameLabel = 'kubernetes.io/metadata.name';

/**
 * Namespaces whose pods carry outside traffic to routed workloads when the configuration names
 * none: ingress-nginx's own, and kube-system, where several distributions (k3s's Traefik, the
 * managed ingress add-ons of cloud providers) run theirs.
 */
export const defaultIngressNamespaces: readonly string[] = Object.freeze(['ingress-nginx', 'kube-system']);

/**
 * `deps.slipway.dev/<workload>`: carried by the pods of workloads that depend on `workload`.
 * The name part of a label key is at most 63 characters, which `kubeName` guarantees (a longer
 * name is cut and keeps a hash of the whole), and both sides derive it with this one function.
 */
export function dependencyLabel(workload: string): string {
  return `${dependencyLabelPrefix}/${kubeName([workload])}`;
}

/** `resources.slipway.dev/<slug>`: carried by the pods of workloads that use a provisioned resource. */
export function resourceLabel(slug: string): string {
  return `${resourceLabelPrefix}/${kubeName([slug])}`;
}

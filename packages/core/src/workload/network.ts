import type { KubeObject } from '../kube/object.ts';
import { defaultIngressNamespaces, dependencyLabel, namespaceNameLabel, resourceLabel } from '../network/labels.ts';
import { type PolicyPort, uniquePorts } from '../network/policies.ts';
import { provisionerLabels } from '../provisioners/manifests.ts';
import { kubeName } from './names.ts';
import { expandDeep, withoutSecrets } from './placeholders.ts';
import { objectMeta, type RenderContext } from './render-context.ts';
import { routeType } from './routes.ts';
import { servicePorts } from './service.ts';

/**
 * A workload declares that it talks to another the way score-k8s has it: a resource of type
 * `service-port` whose `workload` param names the other (its outputs are the other's host
 * and port). That declaration is all network isolation needs.
 */
export const servicePortType = 'service-port';

/** What the installation knows about its cluster's network that a Score file cannot say. */
export interface NetworkSettings {
  /** Namespaces of the ingress controllers (or gateway data planes) that carry outside traffic in. */
  ingressNamespaces: readonly string[];
}

/** The names of the workloads this one depends on, sorted: the `workload` param of its `service-port` resources. */
export function workloadDependencies(ctx: RenderContext): string[] {
  const declared = ctx.workload.resources ?? {};
  const names = new Set<string>();
  for (const name of Object.keys(declared)) {
    const resource = declared[name];
    if (resource?.type !== servicePortType) continue;
    // Problems with the param are the provisioner's to report; here it only names a peer.
    const at = ['resources', name, 'params', 'workload'];
    const { value } = expandDeep(resource.params?.workload, withoutSecrets(ctx.placeholders), at);
    if (typeof value === 'string' && value !== '') names.add(value);
  }
  return [...names].sort();
}

/**
 * Labels the workload's pods carry so that what they depend on admits them: one per workload
 * named by a `service-port` resource, one per provisioned resource that put objects into the
 * namespace (a provisioner's server admits the pods labelled with its resource's slug).
 */
export function dependencyPodLabels(ctx: RenderContext): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const workload of workloadDependencies(ctx)) labels[dependencyLabel(workload)] = 'true';
  for (const resource of Object.values(ctx.resources)) {
    for (const manifest of resource.manifests) {
      const slug = manifest.metadata.labels?.[provisionerLabels.resource];
      if (slug) labels[resourceLabel(slug)] = 'true';
    }
  }
  return labels;
}

/**
 * The NetworkPolicy that opens the namespace's default deny for this workload's pods: they
 * take traffic from each other (replicas of one workload talk among themselves on any port),
 * from pods that declared a dependency on the workload, and, when it has routes, from the
 * ingress controllers' namespaces. The last two only on the ports the pods serve behind the
 * Service, when the workload publishes any.
 */
export function networkPolicyObject(ctx: RenderContext, network?: NetworkSettings): KubeObject {
  const ports = podPorts(ctx);
  const onPorts = ports.length ? { ports } : {};
  const ingress: Array<Record<string, unknown>> = [
    { from: [{ podSelector: { matchLabels: { ...ctx.selector } } }] },
    { from: [{ podSelector: { matchLabels: { [dependencyLabel(ctx.names.workload)]: 'true' } } }], ...onPorts },
  ];
  const sources = routeSourceNamespaces(ctx, network?.ingressNamespaces ?? defaultIngressNamespaces);
  if (sources.length) {
    const namespaceSelector = { matchExpressions: [{ key: namespaceNameLabel, operator: 'In', values: sources }] };
    ingress.push({ from: [{ namespaceSelector }], ...onPorts });
  }
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    // `-allow` keeps it apart from the namespace's own `slipway-default-deny`, whatever the workload is called.
    metadata: objectMeta(ctx, kubeName([ctx.names.workload, 'allow'])),
    spec: { podSelector: { matchLabels: { ...ctx.selector } }, policyTypes: ['Ingress'], ingress },
  };
}

/** A NetworkPolicy names the port the pod listens on: the Service's targetPort. */
function podPorts(ctx: RenderContext): PolicyPort[] {
  return uniquePorts(
    servicePorts(ctx).map(([, p]) => ({ port: p.targetPort ?? p.port, protocol: p.protocol ?? 'TCP' })),
  );
}

/**
 * Where outside traffic comes from, for a workload with routes: the configured ingress
 * namespaces and, for HTTPRoutes, the Gateway's namespace (where several Gateway
 * implementations run their proxies). None for a workload without routes.
 */
function routeSourceNamespaces(ctx: RenderContext, configured: readonly string[]): string[] {
  const routed = Object.values(ctx.workload.resources ?? {}).some((r) => r.type === routeType);
  if (!routed) return [];
  const namespaces = new Set(configured);
  const gateway = ctx.environment.gateway;
  if (ctx.environment.routeKind === 'HTTPRoute' && gateway?.namespace) namespaces.add(gateway.namespace);
  return [...namespaces].sort();
}

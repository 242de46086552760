import type { KubeObject } from '../kube/object.ts';
import { objectMeta, type RenderContext } from './render-context.ts';
import type { ScoreServicePort } from './types.ts';

/** The workload's `service.ports`, sorted by name; an empty list when it publishes none. */
export function servicePorts(ctx: RenderContext): Array<[string, ScoreServicePort]> {
  const ports = ctx.workload.service?.ports ?? {};
  return Object.keys(ports)
    .sort()
    .map((name) => [name, ports[name] as ScoreServicePort]);
}

function portList(ctx: RenderContext): Array<Record<string, unknown>> {
  return servicePorts(ctx).map(([name, p]) => ({
    name,
    port: p.port,
    targetPort: p.targetPort ?? p.port,
    protocol: p.protocol ?? 'TCP',
  }));
}

/** A ClusterIP Service when the workload publishes ports. */
export function serviceObject(ctx: RenderContext): KubeObject | undefined {
  const ports = portList(ctx);
  if (!ports.length) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMeta(ctx, ctx.names.service),
    spec: { type: 'ClusterIP', selector: { ...ctx.selector }, ports },
  };
}

/** The headless Service a StatefulSet needs for its pods' stable DNS names (ports are optional there). */
export function headlessServiceObject(ctx: RenderContext): KubeObject {
  const ports = portList(ctx);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMeta(ctx, ctx.names.headless),
    spec: { clusterIP: 'None', selector: { ...ctx.selector }, ports: ports.length ? ports : undefined },
  };
}

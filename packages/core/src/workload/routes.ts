import type { KubeObject } from '../kube/object.ts';
import { kubeName } from './names.ts';
import { expandDeep, withoutSecrets } from './placeholders.ts';
import { addIssue, objectMeta, type RenderContext } from './render-context.ts';
import { isRecord } from './score-schema.ts';
import { servicePorts } from './service.ts';

/**
 * Resources of type `route` send outside traffic to the workload's Service. Host, path and
 * port come from the resource's outputs, else from its params (placeholders expanded, as in
 * `host: ${resources.dns.host}`); the environment decides between an Ingress and a Gateway
 * API HTTPRoute. A route whose provisioner made objects of its own is left to them.
 */
export const routeType = 'route';

interface Route {
  resource: string;
  host?: string;
  path: string;
  port: number;
  annotations?: Record<string, string>;
}

const hostPattern = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function routeObjects(ctx: RenderContext): KubeObject[] {
  const declared = ctx.workload.resources ?? {};
  return Object.keys(declared)
    .sort()
    .filter((name) => declared[name]?.type === routeType)
    .map((name) => readRoute(ctx, name))
    .filter((r): r is Route => r !== undefined)
    .map((r) => (ctx.environment.routeKind === 'HTTPRoute' ? httpRoute(ctx, r) : ingress(ctx, r)));
}

function readRoute(ctx: RenderContext, name: string): Route | undefined {
  const at = ['resources', name];
  const resolved = ctx.resources[name];
  if (!resolved) {
    addIssue(ctx, at, `Route "${name}" was not provisioned`);
    return undefined;
  }
  // A provisioner that made objects for the route routes it itself (score-k8s's route
  // provisioners render their own Ingress or HTTPRoute): Slipway adds none beside them.
  if (resolved.manifests.length > 0) return undefined;
  // Route params end up in an Ingress or HTTPRoute, in plain sight: no secret variables there.
  const params = expandDeep(ctx.workload.resources?.[name]?.params ?? {}, withoutSecrets(ctx.placeholders), [
    ...at,
    'params',
  ]);
  ctx.issues.push(...params.issues);
  const given = { ...(isRecord(params.value) ? params.value : {}), ...resolved.outputs };
  const fromParams = (key: string) => (resolved.outputs[key] === undefined ? [...at, 'params', key] : at);
  const host = routeHost(ctx, given.host, fromParams('host'));
  const path = given.path === undefined ? '/' : String(given.path);
  if (!path.startsWith('/')) addIssue(ctx, fromParams('path'), `The route path "${path}" must start with "/"`);
  const port = routePort(ctx, given.port, fromParams('port'));
  if (port === undefined) return undefined;
  const annotations = ctx.workload.resources?.[name]?.metadata?.annotations;
  return { resource: name, host, path, port, ...(annotations ? { annotations } : {}) };
}

function routeHost(ctx: RenderContext, value: unknown, at: Array<string | number>): string | undefined {
  if (value === undefined || value === '') {
    const domain = ctx.environment.domain;
    return domain ? `${ctx.names.service}.${domain}` : undefined;
  }
  const host = String(value).toLowerCase();
  if (host.length > 253 || !hostPattern.test(host)) addIssue(ctx, at, `"${host}" is not a valid host name`);
  return host;
}

/** The Service port a route targets: given by number or by port name; the only port when there is one. */
function routePort(ctx: RenderContext, value: unknown, at: Array<string | number>): number | undefined {
  const ports = servicePorts(ctx);
  if (!ports.length) {
    addIssue(
      ctx,
      at.slice(0, 2),
      "A route sends traffic to the workload's service, but the workload has no service.ports",
    );
    return undefined;
  }
  if (value === undefined && ports.length === 1) return ports[0]?.[1].port;
  const match = ports.find(([name, p]) => String(p.port) === String(value) || name === value);
  if (!match) {
    const known = ports.map(([name, p]) => `${name} (${p.port})`).join(', ');
    const what =
      value === undefined ? 'The route must say which port to use' : `Port "${String(value)}" is not a service port`;
    addIssue(ctx, at, `${what}; the service ports are: ${known}`);
    return undefined;
  }
  return match[1].port;
}

function routeName(ctx: RenderContext, r: Route): string {
  return kubeName([ctx.names.workload, r.resource]);
}

function ingress(ctx: RenderContext, r: Route): KubeObject {
  const backend = { service: { name: ctx.names.service, port: { number: r.port } } };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: objectMeta(ctx, routeName(ctx, r), r.annotations),
    spec: {
      ingressClassName: ctx.environment.ingressClassName,
      rules: [{ host: r.host, http: { paths: [{ path: r.path, pathType: 'Prefix', backend }] } }],
    },
  };
}

function httpRoute(ctx: RenderContext, r: Route): KubeObject {
  const gateway = ctx.environment.gateway;
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: objectMeta(ctx, routeName(ctx, r), r.annotations),
    spec: {
      parentRefs: gateway ? [{ name: gateway.name, namespace: gateway.namespace }] : undefined,
      hostnames: r.host ? [r.host] : undefined,
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: r.path } }],
          backendRefs: [{ name: ctx.names.service, port: r.port }],
        },
      ],
    },
  };
}

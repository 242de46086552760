import type { EnvironmentContext } from '../environments/context.ts';
import { jsonPointer, SlipwayError } from '../errors/index.ts';
import type { KubeObject } from '../kube/object.ts';
import type { ResolvedResource, ResourceRequest } from '../resources/resolved.ts';
import { ajvIssues, paramsValidator } from './ajv.ts';
import { servicePort, servicePortParams } from './builtin/service-port.ts';
import { finalizeManifest } from './manifests.ts';
import { selectProvisioner } from './match.ts';
import type { HelmChart, HelmProvisioner, Provisioner } from './model.ts';
import { dnsLabel } from './names.ts';
import { renderInit, renderValues } from './render.ts';
import { type ResourceIdentity, resourceScope, resourceSlug, resourceUid } from './scope.ts';
import { type ScoreK8sProvisioner, scoreK8sOrigin } from './score-k8s.ts';
import { type ScoreK8sRenderRequest, scoreK8sRequest, type WorkloadServicePort } from './score-k8s-request.ts';
import type { TemplateScope } from './template.ts';
import { TemplateError } from './template-error.ts';

/** A chart the server must render with `helm template`; its objects belong to `resource`. */
export interface HelmRenderRequest {
  /** The key, in the workload's resources, whose ResolvedResource receives the manifests. */
  resource: string;
  /** That resource's id (ResolvedResource.id). */
  resourceId: string;
  /** The DNS label derived from the id: the `slipway.dev/resource` label of the chart's objects. */
  resourceSlug: string;
  provisioner: string;
  /** A valid Helm release name (at most 53 characters), derived from the resource's id. */
  releaseName: string;
  namespace: string;
  chart: HelmChart;
  values: Record<string, unknown>;
}

export interface ResolveResourcesInput {
  workloadName: string;
  workloadAnnotations?: Record<string, string>;
  /** The workload's `service.ports` (score-k8s provisioners read them as `.WorkloadServices`). */
  workloadPorts?: Record<string, WorkloadServicePort>;
  /**
   * The service ports of the workloads deployed in the environment, by workload name (this
   * workload's are `workloadPorts`): score-k8s's `.WorkloadServices`, and what `service-port`
   * requests are resolved against. Left out, `service-port` takes port numbers unchecked.
   */
  environmentWorkloads?: Record<string, Record<string, WorkloadServicePort>>;
  /** The workload's `resources` map: name → request. */
  resources: Record<string, Omit<ResourceRequest, 'name'>>;
  environment: EnvironmentContext;
  /** The platform's provisioners, in the order they were listed. */
  provisioners: readonly Provisioner[];
  /** Defaults to the built-in provisioners. */
  builtins?: readonly Provisioner[];
  /** Kept by the server per installation; random-looking outputs (passwords) derive from it. */
  seed: string;
}

export interface ResolveResourcesResult {
  resolved: Record<string, ResolvedResource>;
  helmReleases: HelmRenderRequest[];
  /** Resources of score-k8s provisioners: the server renders them with Go text/template and fills them in. */
  scoreK8sRenders: ScoreK8sRenderRequest[];
}

interface Provisioned {
  resource: ResolvedResource;
  helm?: HelmRenderRequest;
  scoreK8s?: ScoreK8sRenderRequest;
}

/**
 * Resolves a workload's resources with the matching provisioners. A shared resource (one with
 * an id) asked for twice is provisioned once: both names get the same outputs, and its
 * manifests come with the first name only. Pure: the same input gives the same output.
 */
export function resolveResources(input: ResolveResourcesInput): ResolveResourcesResult {
  const resolved: Record<string, ResolvedResource> = {};
  const helmReleases: HelmRenderRequest[] = [];
  const scoreK8sRenders: ScoreK8sRenderRequest[] = [];
  const shared = new Map<string, { name: string; params: string; resource: ResolvedResource }>();
  const failures: SlipwayError[] = [];
  for (const [name, request] of Object.entries(input.resources)) {
    try {
      const identity = identify(name, request, input.workloadName);
      const uid = resourceUid(identity);
      const earlier = identity.shared ? shared.get(uid) : undefined;
      if (earlier) {
        resolved[name] = reuse(earlier, identity, request);
        continue;
      }
      const provisioner = selectProvisioner(
        { ...request, name },
        input.environment.type,
        input.provisioners,
        input.builtins,
      );
      const { resource, helm, scoreK8s } = provision(provisioner, identity, input);
      resolved[name] = resource;
      if (helm) helmReleases.push(helm);
      if (scoreK8s) scoreK8sRenders.push(scoreK8s);
      if (identity.shared) shared.set(uid, { name, params: stableJson(request.params ?? {}), resource });
    } catch (error) {
      // Every resource is tried, so that one answer names every problem (three missing
      // provisioners are three fields); only a request's own mistakes are collected.
      if (!(error instanceof SlipwayError && error.code === 'invalid_input')) throw error;
      failures.push(error);
    }
  }
  if (failures.length) throw allFailures(failures);
  return { resolved, helmReleases, scoreK8sRenders };
}

/** One failure as it is; several as one error with every field, the first message leading. */
function allFailures(failures: SlipwayError[]): SlipwayError {
  const [first] = failures as [SlipwayError, ...SlipwayError[]];
  if (failures.length === 1) return first;
  const hints = [...new Set(failures.flatMap((f) => (f.hint ? [f.hint] : [])))];
  return new SlipwayError(
    'invalid_input',
    `${failures.length} resources cannot be provisioned: ${first.message} (and ${failures.length - 1} more)`,
    { fields: failures.flatMap((f) => f.fields ?? []), ...(hints.length ? { hint: hints.join('; ') } : {}) },
  );
}

const at = (name: string, ...rest: string[]): string => jsonPointer(['resources', name, ...rest]);

function invalid(message: string, path: string, hint?: string): SlipwayError {
  return new SlipwayError('invalid_input', message, { fields: [{ path, message }], ...(hint ? { hint } : {}) });
}

function identify(name: string, request: Omit<ResourceRequest, 'name'>, workload: string): ResourceIdentity {
  if (typeof request?.type !== 'string' || request.type === '') {
    throw invalid(`Resource "${name}" has no type`, at(name, 'type'));
  }
  for (const field of ['class', 'id'] as const) {
    const value = request[field];
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw invalid(`Resource "${name}": ${field} must be a non-empty string`, at(name, field));
    }
  }
  const params = request.params ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw invalid(`Resource "${name}": params must be an object`, at(name, 'params'));
  }
  return {
    name,
    type: request.type,
    class: request.class ?? 'default',
    id: request.id ?? `${workload}.${name}`,
    shared: request.id !== undefined,
    params,
    annotations: request.metadata?.annotations ?? {},
  };
}

function reuse(
  earlier: { name: string; params: string; resource: ResolvedResource },
  identity: ResourceIdentity,
  request: Omit<ResourceRequest, 'name'>,
): ResolvedResource {
  if (stableJson(request.params ?? {}) !== earlier.params) {
    throw invalid(
      `Resource "${identity.name}" is the shared resource "${identity.id}" that "${earlier.name}" already asks for, with other params`,
      at(identity.name, 'params'),
      'requests for one shared resource (same type, class and id) must give the same params',
    );
  }
  return { ...structuredClone(earlier.resource), name: identity.name, manifests: [] };
}

function provision(p: Provisioner, identity: ResourceIdentity, input: ResolveResourcesInput): Provisioned {
  if (p.kind === 'score-k8s') {
    if (p.command) throw commandRefused(p, identity.name);
    const { resource, request } = scoreK8sRequest(p, identity, {
      workloadName: input.workloadName,
      workloadAnnotations: input.workloadAnnotations ?? {},
      workloadServices: workloadServices(input) ?? { [input.workloadName]: input.workloadPorts ?? {} },
      environment: input.environment,
      seed: input.seed,
    });
    return { resource, scoreK8s: request };
  }
  let params = checkParams(p, identity);
  if (p.id === servicePort.id) params = servicePortParams(identity.name, params, workloadServices(input));
  const workload = { name: input.workloadName, annotations: input.workloadAnnotations ?? {} };
  const scope = resourceScope({ ...identity, params }, workload, input.environment, input.seed);
  try {
    scope.data = { ...scope.data, init: renderInit(p.init, scope, '/init') };
    if (p.kind === 'helm') return provisionHelm(p, identity, scope, input.environment.namespace);
    const outputs = renderValues(p.outputs ?? {}, scope, '/outputs') as Record<string, unknown>;
    const manifests = p.kind === 'template' ? (p.manifests ?? []).map((m, i) => manifest(identity, scope, m, i)) : [];
    return { resource: resolvedResource(p, identity, outputs, manifests) };
  } catch (error) {
    if (error instanceof TemplateError) throw templateFailure(error, p, identity.name);
    throw error;
  }
}

/** The environment's workloads with this one as it is being deployed, when the environment's are known. */
function workloadServices(
  input: ResolveResourcesInput,
): Record<string, Record<string, WorkloadServicePort>> | undefined {
  if (!input.environmentWorkloads) return undefined;
  return { ...input.environmentWorkloads, [input.workloadName]: input.workloadPorts ?? {} };
}

/** Validates the params against the provisioner's schema, filling in its defaults (on a copy). */
function checkParams(p: RenderedHere, identity: ResourceIdentity): Record<string, unknown> {
  const params = structuredClone(identity.params);
  if (!p.params) return params;
  const validate = paramsValidator(p.params);
  if (validate(params)) return params;
  const fields = ajvIssues(validate.errors, at(identity.name, 'params'));
  const first = fields[0];
  throw new SlipwayError(
    'invalid_input',
    `Resource "${identity.name}" has params that provisioner "${p.id}" does not accept: ${first?.path} ${first?.message}`,
    { fields, hint: `the params schema of "${p.id}": ${JSON.stringify(p.params)}` },
  );
}

function manifest(
  identity: ResourceIdentity,
  scope: TemplateScope,
  template: Record<string, unknown>,
  i: number,
): KubeObject {
  const rendered = renderValues(template, scope, `/manifests/${i}`);
  const namespace = (scope.data.environment as { namespace: string }).namespace;
  const result = finalizeManifest(rendered, { namespace, resource: resourceSlug(identity) });
  if (typeof result === 'string') throw new TemplateError(`the rendered manifest ${result}`, `/manifests/${i}`);
  return result;
}

function provisionHelm(p: HelmProvisioner, identity: ResourceIdentity, scope: TemplateScope, namespace: string) {
  const values = renderValues(p.values ?? {}, scope, '/values') as Record<string, unknown>;
  const release = { name: dnsLabel(resourceSlug(identity), 53), namespace };
  const outputScope = { ...scope, data: { ...scope.data, release, values } };
  const outputs = renderValues(p.outputs ?? {}, outputScope, '/outputs') as Record<string, unknown>;
  const helm: HelmRenderRequest = {
    resource: identity.name,
    resourceId: identity.id,
    resourceSlug: resourceSlug(identity),
    provisioner: p.id,
    releaseName: release.name,
    namespace,
    chart: p.chart,
    values,
  };
  return { resource: resolvedResource(p, identity, outputs, []), helm };
}

function resolvedResource(
  p: RenderedHere,
  identity: ResourceIdentity,
  outputs: Record<string, unknown>,
  manifests: KubeObject[],
): ResolvedResource {
  return {
    name: identity.name,
    type: identity.type,
    class: identity.class,
    id: identity.id,
    provisioner: p.id,
    outputs,
    secretOutputs: (p.secretOutputs ?? []).filter((key) => Object.hasOwn(outputs, key)),
    manifests,
    shared: identity.shared,
  };
}

function commandRefused(p: ScoreK8sProvisioner, name: string): SlipwayError {
  const message = `is matched by the score-k8s provisioner ${p.id}${scoreK8sOrigin(p.origin)}, which runs a program; Slipway does not run cmd:// provisioners`;
  return new SlipwayError('invalid_input', `Resource "${name}" ${message}`, {
    fields: [{ path: at(name), message }],
    hint: 'replace it with a template:// provisioner (or one of ours) for this resource type, listed before it',
  });
}

/** The kinds whose templates core renders itself. */
type RenderedHere = Exclude<Provisioner, { kind: 'score-k8s' }>;

function templateFailure(error: TemplateError, p: Provisioner, name: string): SlipwayError {
  const where = error.pointer ? ` (${error.pointer.slice(1)})` : '';
  return new SlipwayError(
    'invalid_input',
    `Provisioner "${p.id}" could not provision resource "${name}"${where}: ${error.message}`,
    {
      fields: [{ path: at(name), message: error.message }],
      hint: `check the resource's params, or the provisioner "${p.id}" itself`,
    },
  );
}

/** JSON with sorted keys, to compare params regardless of the order they were written in. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

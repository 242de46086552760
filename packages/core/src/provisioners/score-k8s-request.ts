/**
 * What the server hands the Go engine to provision one resource with a score-k8s provisioner:
 * the raw templates and score-k8s's template context (`.Guid`, `.Uid`, `.Type`, `.Class`, `.Id`,
 * `.Params`, `.Metadata`, `.State`, `.SourceWorkload`, `.WorkloadMetadata`, `.WorkloadServices`,
 * `.Namespace`; `.Init` and `.Shared` are filled in by the engine). Pure: built from the request.
 */
import type { EnvironmentContext } from '../environments/context.ts';
import type { ResolvedResource } from '../resources/resolved.ts';
import { kubeName } from '../workload/names.ts';
import { type DerivationKey, derivedGuid, derivedString } from './derive.ts';
import { type ResourceIdentity, resourceSlug, resourceUid } from './scope.ts';
import type { ScoreK8sProvisioner, ScoreK8sTemplates } from './score-k8s.ts';

/** A port of the workload's `service.ports`, as the Score file gives it. */
export interface WorkloadServicePort {
  port: number;
  targetPort?: number;
  protocol?: string;
}

/** score-k8s's NetworkService, field names and all: templates read `.ServiceName`, `.Ports`. */
export interface ScoreK8sNetworkService {
  ServiceName: string;
  Ports: Record<string, { Name: string; Port: number; TargetPort: number; Protocol: string }>;
}

export interface ScoreK8sData {
  Guid: string;
  Uid: string;
  Type: string;
  Class: string;
  Id: string;
  Params: Record<string, unknown>;
  Metadata: Record<string, unknown>;
  /** Always empty: Slipway keeps no provisioner state between deploys (see the provisioners guide). */
  State: Record<string, unknown>;
  SourceWorkload: string;
  WorkloadMetadata: Record<string, unknown>;
  WorkloadServices: Record<string, ScoreK8sNetworkService>;
  Namespace: string;
}

export interface ScoreK8sRenderRequest {
  /** The key, in the workload's resources, whose ResolvedResource receives outputs and manifests. */
  resource: string;
  resourceId: string;
  resourceSlug: string;
  provisioner: string;
  /** The provisioner's file and entry, for error messages. */
  origin?: ScoreK8sProvisioner['origin'];
  namespace: string;
  templates: ScoreK8sTemplates;
  data: ScoreK8sData;
  /** Makes sprig's rand* functions stable per resource and environment (derived from the installation seed). */
  randomSeed: string;
}

export interface ScoreK8sContext {
  workloadName: string;
  workloadAnnotations: Record<string, string>;
  /** Service ports by workload: this one's and the environment's others'; the source of `.WorkloadServices`. */
  workloadServices: Record<string, Record<string, WorkloadServicePort>>;
  environment: EnvironmentContext;
  seed: string;
}

/** score-k8s's resource uid: `type.class#id`. */
const scoreUid = (r: ResourceIdentity) => `${r.type}.${r.class}#${r.id}`;

export function scoreK8sRequest(
  p: ScoreK8sProvisioner,
  identity: ResourceIdentity,
  ctx: ScoreK8sContext,
): { resource: ResolvedResource; request: ScoreK8sRenderRequest } {
  const key: DerivationKey = { seed: ctx.seed, uid: `${ctx.environment.name}/${resourceUid(identity)}` };
  const data: ScoreK8sData = {
    Guid: derivedGuid(key),
    Uid: scoreUid(identity),
    Type: identity.type,
    Class: identity.class,
    Id: identity.id,
    Params: structuredClone(identity.params),
    Metadata: { annotations: { ...identity.annotations } },
    State: {},
    SourceWorkload: ctx.workloadName,
    WorkloadMetadata: { name: ctx.workloadName, annotations: { ...ctx.workloadAnnotations } },
    WorkloadServices: Object.fromEntries(
      Object.entries(ctx.workloadServices).map(([name, ports]) => [name, networkService(name, ports)]),
    ),
    Namespace: ctx.environment.namespace,
  };
  const request: ScoreK8sRenderRequest = {
    resource: identity.name,
    resourceId: identity.id,
    resourceSlug: resourceSlug(identity),
    provisioner: p.id,
    ...(p.origin ? { origin: p.origin } : {}),
    namespace: ctx.environment.namespace,
    templates: p.templates,
    data,
    randomSeed: derivedString(key, 'score-k8s-random', 64),
  };
  const resource: ResolvedResource = {
    name: identity.name,
    type: identity.type,
    class: identity.class,
    id: identity.id,
    provisioner: p.id,
    outputs: {},
    secretOutputs: [],
    manifests: [],
    shared: identity.shared,
  };
  return { resource, request };
}

/**
 * As score-k8s builds it: each named port, and again under its port number when that name is
 * free, so `index $w.Ports "8080"` works too.
 */
function networkService(workload: string, ports: Record<string, WorkloadServicePort>): ScoreK8sNetworkService {
  const out: ScoreK8sNetworkService['Ports'] = {};
  for (const [name, p] of Object.entries(ports)) {
    out[name] = { Name: name, Port: p.port, TargetPort: p.targetPort ?? p.port, Protocol: p.protocol ?? 'TCP' };
  }
  for (const [name, p] of Object.entries(ports)) {
    const byNumber = String(p.port);
    if (!(byNumber in out)) out[byNumber] = out[name] as ScoreK8sNetworkService['Ports'][string];
  }
  return { ServiceName: kubeName([workload], { startWithLetter: true }), Ports: out };
}

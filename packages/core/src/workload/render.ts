import type { EnvironmentContext } from '../environments/context.ts';
import { SlipwayError } from '../errors/index.ts';
import type { KubeObject } from '../kube/object.ts';
import type { ResolvedResource } from '../resources/resolved.ts';
import { isBatch, podAnnotations, workloadSettings } from './annotations.ts';
import { autoscaled, autoscalerObject, disruptionBudgetObject, replicaCount } from './autoscaling.ts';
import { canonicalize } from './canonical.ts';
import { planConfig } from './config.ts';
import { buildContainers } from './containers.ts';
import { workloadObject } from './deployment.ts';
import { type Images, resolveImages } from './images.ts';
import { workloadLabels } from './labels.ts';
import { dependencyPodLabels, type NetworkSettings, networkPolicyObject } from './network.ts';
import { addIssue, objectNames, type RenderContext } from './render-context.ts';
import { routeObjects, routeType } from './routes.ts';
import { headlessServiceObject, serviceObject } from './service.ts';
import type { ScoreWorkload } from './types.ts';
import { planVolumes } from './volumes.ts';

export interface RenderInput {
  /** A workload as `parseScore` returns it. */
  workload: ScoreWorkload;
  environment: EnvironmentContext;
  /** Provisioned resources, keyed by their name in the workload's `resources`. */
  resources: Record<string, ResolvedResource>;
  /** The image built for this deploy: replaces `.` images, or the image of a single container. */
  image?: string;
  /** Release id, put on every object as a label. */
  release: string;
  /** Defaults to `metadata.name`. */
  serviceName?: string;
  /** Contents of the files that `files.*.source` names, keyed by the source as written: core reads no files. */
  fileSources?: Record<string, string>;
  /** The secret variables `${secrets.NAME}` reads, in effect for this service and environment. */
  secrets?: Readonly<Record<string, string>>;
  /** Where ingress controllers run, for the workload's NetworkPolicy; Slipway's defaults when left out. */
  network?: NetworkSettings;
  /** Keys the pod template's config checksum, which covers secret values (see `contentDigest`). */
  checksumKey?: string;
}

export interface RenderResult {
  /** The workload's own objects, canonical and in apply order; resource manifests are not included. */
  objects: KubeObject[];
}

/**
 * Renders a Score workload for one environment into plain Kubernetes objects. Pure and
 * deterministic: the same input gives byte-identical objects. Throws `invalid_input` with
 * every problem of the workload, or `invalid_config` when the environment cannot host it.
 */
export function renderWorkload(input: RenderInput): RenderResult {
  const images = resolveImages(input.workload, input.image);
  const ctx = renderContext(input, images);
  checkEnvironment(ctx);
  const config = planConfig(ctx, input.fileSources ?? {});
  const volumes = planVolumes(ctx);
  const containers = buildContainers(ctx, images.byContainer, config, volumes);
  const routes = routeObjects(ctx);
  checkBatch(ctx);
  if (ctx.issues.length) throw workloadInvalid(ctx);
  const workload = workloadObject(ctx, {
    containers,
    volumes: [...config.volumes, ...volumes.volumes],
    claimTemplates: volumes.claimTemplates,
    annotations: { ...podAnnotations(ctx.workload), ...config.annotations },
    podLabels: dependencyPodLabels(ctx),
    replicas: autoscaled(ctx) ? undefined : replicaCount(ctx),
  });
  const objects = [
    networkPolicyObject(ctx, input.network),
    ...config.objects,
    serviceObject(ctx),
    ctx.settings.kind === 'StatefulSet' ? headlessServiceObject(ctx) : undefined,
    workload,
    autoscalerObject(ctx),
    disruptionBudgetObject(ctx),
    ...routes,
  ].filter((o): o is KubeObject => o !== undefined);
  return { objects: objects.map(canonicalize) };
}

/**
 * A CronJob's or Job's pods come and go with each run: a Service or route would point at nothing
 * most of the time, so service ports are refused rather than silently dropped.
 */
function checkBatch(ctx: RenderContext): void {
  if (!isBatch(ctx.settings.kind)) return;
  const ports = Object.keys(ctx.workload.service?.ports ?? {});
  if (ports.length)
    addIssue(
      ctx,
      ['service', 'ports'],
      `a ${ctx.settings.kind} runs to completion and cannot serve ports; remove service.ports or deploy it as a deployment`,
    );
}

function renderContext(input: RenderInput, images: Images): RenderContext {
  const issues: RenderContext['issues'] = [...images.issues];
  const serviceName = input.serviceName ?? input.workload.metadata.name;
  const names = objectNames(serviceName);
  const { labels, selector } = workloadLabels({
    serviceName: names.workload,
    environment: input.environment,
    release: input.release,
    ...(images.main ? { image: images.main } : {}),
  });
  return {
    workload: input.workload,
    environment: input.environment,
    resources: input.resources,
    settings: workloadSettings(input.workload, issues),
    placeholders: {
      metadata: input.workload.metadata,
      resources: input.resources,
      secrets: input.secrets ?? {},
      secretScope: { service: serviceName, environment: input.environment.name },
    },
    names,
    release: input.release,
    labels,
    selector,
    issues,
    ...(input.checksumKey ? { checksumKey: input.checksumKey } : {}),
  };
}

/** Names the first problem in the message itself, so a one-line error is never a riddle. */
function workloadInvalid(ctx: RenderContext): SlipwayError {
  const [first] = ctx.issues;
  const more = ctx.issues.length > 1 ? ` (and ${ctx.issues.length - 1} more)` : '';
  const what = first ? `${first.path}: ${first.message}${more}` : 'it is not valid';
  return new SlipwayError(
    'invalid_input',
    `Workload "${ctx.workload.metadata.name}" cannot be deployed to ${ctx.environment.name}: ${what}`,
    { fields: ctx.issues },
  );
}

/** Environment settings that would make Kubernetes refuse what we render: a platform problem, not the developer's. */
function checkEnvironment(ctx: RenderContext): void {
  const env = ctx.environment;
  const problems: string[] = [];
  const hasRoutes = Object.values(ctx.workload.resources ?? {}).some((r) => r.type === routeType);
  if (hasRoutes && env.routeKind === 'HTTPRoute' && !env.gateway)
    problems.push('it routes with HTTPRoute but names no gateway');
  const budget = env.defaults.disruptionBudget;
  if (budget?.minAvailable !== undefined && budget.maxUnavailable !== undefined) {
    problems.push('its disruption budget sets both minAvailable and maxUnavailable; Kubernetes takes one');
  }
  const a = env.defaults.autoscaling;
  if (a && (a.minReplicas < 1 || a.maxReplicas < a.minReplicas))
    problems.push('its autoscaling needs 1 ≤ minReplicas ≤ maxReplicas');
  if (!Number.isInteger(env.defaults.replicas) || env.defaults.replicas < 0)
    problems.push('its default replicas is not a whole number ≥ 0');
  if (problems.length) {
    throw new SlipwayError(
      'invalid_config',
      `Environment "${env.name}" cannot host workloads: ${problems.join('; ')}`,
      {
        hint: 'A platform engineer fixes this in the environment type.',
      },
    );
  }
}

import type { KubeObject } from '../kube/object.ts';
import { cronJobObject, jobObject } from './batch.ts';
import type { PodContainers } from './containers.ts';
import type { PodVolume } from './kube-shapes.ts';
import { objectMeta, type RenderContext } from './render-context.ts';
import type { VolumePlan } from './volumes.ts';

export interface PodTemplateParts {
  containers: PodContainers;
  volumes: PodVolume[];
  claimTemplates: VolumePlan['claimTemplates'];
  annotations: Record<string, string>;
  /** Labels only the pods carry (what they depend on): not in the selector, so they may change between releases. */
  podLabels: Record<string, string>;
  /** Undefined when an autoscaler owns the replica count (setting it would fight the HPA). */
  replicas: number | undefined;
}

/** The pod template every workload kind shares. */
export function podTemplate(ctx: RenderContext, parts: PodTemplateParts) {
  return {
    metadata: { labels: { ...ctx.labels, ...parts.podLabels }, annotations: parts.annotations },
    spec: {
      containers: parts.containers.containers,
      initContainers: parts.containers.initContainers.length ? parts.containers.initContainers : undefined,
      volumes: parts.volumes.length ? [...parts.volumes].sort((a, b) => (a.name < b.name ? -1 : 1)) : undefined,
    },
  };
}

/** The Deployment, or the StatefulSet, CronJob or Job the workload asks for. */
export function workloadObject(ctx: RenderContext, parts: PodTemplateParts): KubeObject {
  if (ctx.settings.kind === 'CronJob') return cronJobObject(ctx, podTemplate(ctx, parts));
  if (ctx.settings.kind === 'Job') return jobObject(ctx, podTemplate(ctx, parts));
  const template = podTemplate(ctx, parts);
  const common = { replicas: parts.replicas, selector: { matchLabels: { ...ctx.selector } }, template };
  if (ctx.settings.kind === 'StatefulSet') {
    return {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: objectMeta(ctx, ctx.names.workload),
      spec: {
        ...common,
        serviceName: ctx.names.headless,
        volumeClaimTemplates: parts.claimTemplates.length ? parts.claimTemplates : undefined,
      },
    };
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: objectMeta(ctx, ctx.names.workload),
    spec: { ...common, progressDeadlineSeconds: ctx.environment.defaults.progressDeadlineSeconds },
  };
}

import type { KubeObject } from '../kube/object.ts';
import { isBatch } from './annotations.ts';
import { objectMeta, type RenderContext } from './render-context.ts';

/** Whether an HPA is rendered: the environment asks for one and the workload did not fix its replicas. */
export function autoscaled(ctx: RenderContext): boolean {
  if (isBatch(ctx.settings.kind)) return false;
  return ctx.environment.defaults.autoscaling !== undefined && ctx.settings.replicas === undefined;
}

export function replicaCount(ctx: RenderContext): number {
  return ctx.settings.replicas ?? ctx.environment.defaults.replicas;
}

export function autoscalerObject(ctx: RenderContext): KubeObject | undefined {
  const a = ctx.environment.defaults.autoscaling;
  if (!a || !autoscaled(ctx)) return undefined;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: objectMeta(ctx, ctx.names.workload),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: ctx.settings.kind, name: ctx.names.workload },
      minReplicas: a.minReplicas,
      maxReplicas: a.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: a.targetCPUUtilizationPercentage },
          },
        },
      ],
    },
  };
}

/** A PodDisruptionBudget only protects something when more than one pod can run. */
export function disruptionBudgetObject(ctx: RenderContext): KubeObject | undefined {
  const budget = ctx.environment.defaults.disruptionBudget;
  if (!budget || isBatch(ctx.settings.kind) || !(autoscaled(ctx) || replicaCount(ctx) > 1)) return undefined;
  const limit =
    budget.maxUnavailable !== undefined
      ? { maxUnavailable: budget.maxUnavailable }
      : { minAvailable: budget.minAvailable ?? 1 };
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: objectMeta(ctx, ctx.names.workload),
    spec: { ...limit, selector: { matchLabels: { ...ctx.selector } } },
  };
}

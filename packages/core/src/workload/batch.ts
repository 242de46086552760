import type { KubeObject } from '../kube/object.ts';
import { defaultBackoffLimit } from './batch-settings.ts';
import { shortHash } from './hash.ts';
import { kubeName } from './names.ts';
import { objectMeta, type RenderContext } from './render-context.ts';

type PodTemplate = { metadata: object; spec: Record<string, unknown> };

/** Kubernetes' own defaults, written out so the object says what it keeps. */
const successfulJobsHistoryLimit = 3;
const failedJobsHistoryLimit = 1;

/**
 * Pods of a run restart in place on failure (OnFailure) and count against backoffLimit, so a
 * crash is retried without a new pod per attempt; Always is not allowed for Jobs.
 */
function runTemplate(template: PodTemplate): PodTemplate {
  return { ...template, spec: { ...template.spec, restartPolicy: 'OnFailure' } };
}

export function cronJobObject(ctx: RenderContext, template: PodTemplate): KubeObject {
  const batch = ctx.settings.batch;
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: objectMeta(ctx, ctx.names.workload),
    spec: {
      schedule: batch?.schedule,
      timeZone: batch?.timeZone,
      concurrencyPolicy: batch?.concurrencyPolicy ?? 'Forbid',
      successfulJobsHistoryLimit,
      failedJobsHistoryLimit,
      jobTemplate: {
        metadata: { labels: { ...ctx.labels } },
        spec: { backoffLimit: batch?.backoffLimit ?? defaultBackoffLimit, template: runTemplate(template) },
      },
    },
  };
}

/**
 * A Job runs once per release: its pod template is immutable, so each release gets a Job of its
 * own, named with a hash of the release id, and the previous release's Job is pruned like any
 * object the new release no longer has. No ttlSecondsAfterFinished: the engine re-applies a
 * release's objects, and a Job the cluster deleted after its TTL would be created and run again.
 */
export function jobObject(ctx: RenderContext, template: PodTemplate): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: objectMeta(ctx, jobName(ctx)),
    spec: {
      backoffLimit: ctx.settings.batch?.backoffLimit ?? defaultBackoffLimit,
      template: runTemplate(template),
    },
  };
}

export function jobName(ctx: RenderContext): string {
  return kubeName([ctx.names.workload.slice(0, 54), shortHash(ctx.release, 8)]);
}

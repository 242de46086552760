import type { KubeObject } from '../kube/object.ts';
import { conditions, num } from './fields.ts';
import { type HealthResult, healthResult } from './status.ts';
import { plural } from './text.ts';

/**
 * A Job: Failed is Degraded, Complete is Healthy, Suspended is Suspended, anything else is still
 * running. Unlike gitops-engine, a condition counts only while its status is "True": Argo takes a
 * resumed Job's `Suspended=False` condition as "complete" and calls the still-running Job Healthy.
 */
export function jobHealth(job: KubeObject): HealthResult {
  const active = new Map(
    conditions(job)
      .filter((c) => c.status === 'True')
      .map((c) => [c.type, c]),
  );
  // FailureTarget (Kubernetes 1.31+) precedes Failed while the Job's pods are being terminated.
  const failed = active.get('Failed') ?? active.get('FailureTarget');
  if (failed) return healthResult('Degraded', `The Job failed: ${failed.message ?? failed.reason ?? ''}`.trim());
  const complete = active.get('Complete');
  if (complete)
    return healthResult(
      'Healthy',
      complete.message || `Completed with ${plural(num(job.status?.succeeded), 'successful pod')}`,
    );
  // spec.suspend is set before the controller adds the condition; trust the spec, as kubectl does.
  if (active.has('Suspended') || job.spec?.suspend === true) return healthResult('Suspended', 'The Job is suspended');
  const s = job.status ?? {};
  return healthResult(
    'Progressing',
    `Running: ${num(s.active)} active, ${num(s.succeeded)} succeeded, ${num(s.failed)} failed`,
  );
}

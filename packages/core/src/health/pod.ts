import type { KubeObject } from '../kube/object.ts';
import { field, findCondition, type Json, list, num, str } from './fields.ts';
import { type HealthResult, healthResult } from './status.ts';
import { clip } from './text.ts';

/**
 * Waiting reasons that will not clear by waiting: gitops-engine's pattern (Err*, *Error,
 * *BackOff) plus InvalidImageName, which that pattern misses although it can never recover.
 */
export function isFailingWaitReason(reason: string | undefined): boolean {
  if (!reason) return false;
  return (
    reason.startsWith('Err') || reason.endsWith('Error') || reason.endsWith('BackOff') || reason === 'InvalidImageName'
  );
}

export const restartPolicyOf = (pod: KubeObject): string => str(pod.spec?.restartPolicy) ?? 'Always';

/** Init containers first: they run first, so their failure is the one that explains the pod. */
export function containerStatuses(pod: KubeObject): Json[] {
  return [...list(pod.status?.initContainerStatuses), ...list(pod.status?.containerStatuses)];
}

export const isPodReady = (pod: KubeObject): boolean => findCondition(pod, 'Ready')?.status === 'True';

/**
 * A Pod, by gitops-engine's rules. Failing waits are Degraded only for restartPolicy Always:
 * a run-to-completion pod (a Job's, a hook's) must not be failed while it may still succeed.
 * Slipway also looks at init containers, which Argo skips, so a crash-looping init container is
 * Degraded instead of Pending forever.
 */
export function podHealth(pod: KubeObject): HealthResult {
  const policy = restartPolicyOf(pod);
  if (policy === 'Always') {
    const failing = failingWaitMessages(pod);
    if (failing.length > 0) return healthResult('Degraded', failing.join('; '));
  }
  const message = str(pod.status?.message) ?? '';
  switch (str(pod.status?.phase)) {
    case 'Pending':
      return healthResult('Progressing', pendingMessage(pod) || message || 'Waiting for the pod to start');
    case 'Succeeded':
      return healthResult('Healthy', message || 'Completed');
    case 'Failed':
      return healthResult('Degraded', message || failedMessage(pod));
    case 'Running':
      return runningHealth(pod, policy, message);
    default:
      // Phase Unknown: the node stopped reporting, so nothing can be said about the pod.
      return healthResult('Unknown', message || 'The pod state is unknown: its node may be unreachable');
  }
}

function failingWaitMessages(pod: KubeObject): string[] {
  return containerStatuses(pod)
    .filter((c) => isFailingWaitReason(str(field(c, 'state', 'waiting', 'reason'))))
    .map((c) => {
      const reason = str(field(c, 'state', 'waiting', 'reason'));
      const detail = str(field(c, 'state', 'waiting', 'message'));
      return `${str(c.name) ?? 'container'}: ${reason}${detail ? ` (${clip(detail, 200)})` : ''}`;
    });
}

function pendingMessage(pod: KubeObject): string {
  const scheduled = findCondition(pod, 'PodScheduled');
  if (scheduled?.status === 'False') return `Not scheduled: ${scheduled.message ?? scheduled.reason ?? ''}`.trim();
  return '';
}

function failedMessage(pod: KubeObject): string {
  for (const c of containerStatuses(pod)) {
    const t = field(c, 'state', 'terminated');
    if (str(field(t, 'message'))) return clip(String(field(t, 'message')));
    if (str(field(t, 'reason')) === 'OOMKilled') return `Container '${str(c.name)}' was killed: out of memory`;
    if (num(field(t, 'exitCode')) !== 0)
      return `Container '${str(c.name)}' failed with exit code ${num(field(t, 'exitCode'))}`;
  }
  return 'The pod failed';
}

function runningHealth(pod: KubeObject, policy: string, message: string): HealthResult {
  // Run-to-completion pods are Progressing until they finish, never Healthy while running.
  if (policy !== 'Always') return healthResult('Progressing', message || 'Running');
  if (isPodReady(pod)) return healthResult('Healthy', message || 'Running and ready');
  // Not ready after a container has already died once: it is failing, not starting.
  const crashed = list(pod.status?.containerStatuses).find((c) => field(c, 'lastState', 'terminated') !== undefined);
  if (crashed) return healthResult('Degraded', message || `Not ready; container '${str(crashed.name)}' has restarted`);
  return healthResult('Progressing', message || 'Running, not ready yet');
}

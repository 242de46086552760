import { jsonPointer } from '../errors/index.ts';
import type { KubeObject } from '../kube/object.ts';
import { slipwayAnnotations } from '../workload/annotations.ts';
import { imageTag } from '../workload/labels.ts';
import { containerVolumes } from '../workload/types.ts';
import {
  allContainers,
  containerPath,
  describeContainer,
  describeObject,
  dig,
  isRecord,
  objectPath,
  type PodContainer,
  type PodTemplate,
  podContainers,
  podPath,
  podTemplates,
} from './pods.ts';
import type { PolicyDefinition, PolicyInput, PolicyViolation } from './types.ts';

/** A violation of the policy `policy`. */
const violation = (policy: string, path: string, message: string): PolicyViolation => ({ policy, path, message });

const imageOf = (c: PodContainer) => (typeof c.spec.image === 'string' ? c.spec.image : '');
const hasDigest = (image: string) => image.includes('@');
const sha256Digest = /@sha256:[0-9a-f]{64}$/;

const noLatestTag: PolicyDefinition = {
  name: 'no-latest-tag',
  description:
    'Every image names a version: a tag other than "latest", or a digest. An image without a tag is "latest".',
  remedy: 'pin every image to a version tag (app:1.4.2) or a digest (app@sha256:…)',
  check(input) {
    return allContainers(input).flatMap((c) => {
      const image = imageOf(c);
      if (hasDigest(image)) return [];
      const tag = imageTag(image);
      if (tag !== undefined && tag !== 'latest') return [];
      const why = tag === undefined ? 'has no tag, which means "latest"' : 'is tagged "latest"';
      return [
        violation(
          'no-latest-tag',
          containerPath(c, ['image']),
          `${describeContainer(c)} runs image "${image}", which ${why}: what runs would change without a release`,
        ),
      ];
    });
  },
};

const requireImageDigest: PolicyDefinition = {
  name: 'require-image-digest',
  description: 'Every image is pinned by digest (repo@sha256:…), so a release always runs the same bytes.',
  remedy: 'pin every image by digest (app@sha256:…), e.g. the digest your CI pushed',
  check(input) {
    return allContainers(input).flatMap((c) => {
      const image = imageOf(c);
      if (sha256Digest.test(image)) return [];
      return [
        violation(
          'require-image-digest',
          containerPath(c, ['image']),
          `${describeContainer(c)} runs image "${image}", which is not pinned by a sha256 digest`,
        ),
      ];
    });
  },
};

const requiredAmounts = [
  { at: ['limits', 'memory'], what: 'memory limit' },
  { at: ['requests', 'cpu'], what: 'CPU request' },
  { at: ['requests', 'memory'], what: 'memory request' },
] as const;

const present = (v: unknown) => (typeof v === 'string' && v.trim() !== '') || typeof v === 'number';

const requireResourceLimits: PolicyDefinition = {
  name: 'require-resource-limits',
  description: 'Every container has a memory limit and CPU and memory requests.',
  remedy:
    'set resources.requests.cpu, resources.requests.memory and resources.limits.memory on every container, or ask a platform engineer for default resources on the environment type',
  check(input) {
    return allContainers(input).flatMap((c) =>
      requiredAmounts
        .filter(({ at }) => !present(dig(c.spec, ['resources', ...at])))
        .map(({ at, what }) =>
          violation(
            'require-resource-limits',
            containerPath(c, ['resources', ...at]),
            `${describeContainer(c)} has no ${what}`,
          ),
        ),
    );
  },
};

const requireReadinessProbe: PolicyDefinition = {
  name: 'require-readiness-probe',
  description:
    'Every container of a Deployment, StatefulSet or DaemonSet (sidecars included) has a readiness probe, so it gets traffic only when ready.',
  remedy: 'give every container a readinessProbe',
  check(input) {
    return allContainers(input)
      .filter((c) => c.pod.longRunning && (c.field === 'containers' || c.sidecar))
      .filter((c) => !isRecord(c.spec.readinessProbe))
      .map((c) =>
        violation(
          'require-readiness-probe',
          containerPath(c, ['readinessProbe']),
          `${describeContainer(c)} has no readinessProbe: it would get traffic before it is ready`,
        ),
      );
  },
};

const hostNamespaces = [
  { field: 'hostNetwork', what: "the node's network" },
  { field: 'hostPID', what: "the node's process namespace" },
  { field: 'hostIPC', what: "the node's IPC namespace" },
] as const;

const noPrivileged: PolicyDefinition = {
  name: 'no-privileged',
  description:
    'No privileged containers or privilege escalation, no host network, PID or IPC namespaces, no hostPath volumes.',
  remedy:
    'drop privileged and allowPrivilegeEscalation, hostNetwork, hostPID, hostIPC and hostPath volumes; a hostPath volume comes from the provisioner of the resource it mounts',
  check(input) {
    const out: PolicyViolation[] = [];
    for (const pod of podTemplates(input)) {
      const what = describeObject(pod.object);
      for (const c of podContainers(pod, input.workload)) {
        const context = c.spec.securityContext;
        if (!isRecord(context)) continue;
        const at = (field: string) => podPath(pod, [c.field, c.index, 'securityContext', field]);
        if (context.privileged === true)
          out.push(violation('no-privileged', at('privileged'), `Container "${c.name}" of ${what} runs privileged`));
        if (context.allowPrivilegeEscalation === true) {
          out.push(
            violation(
              'no-privileged',
              at('allowPrivilegeEscalation'),
              `Container "${c.name}" of ${what} allows privilege escalation`,
            ),
          );
        }
      }
      for (const { field, what: shares } of hostNamespaces) {
        if (pod.spec[field] === true)
          out.push(violation('no-privileged', podPath(pod, [field]), `${what} shares ${shares} (${field})`));
      }
      const volumes = Array.isArray(pod.spec.volumes) ? pod.spec.volumes : [];
      for (const [index, v] of volumes.entries()) {
        if (!isRecord(v) || v.hostPath === undefined) continue;
        const name = String(v.name ?? '');
        const hostPath = dig(v, ['hostPath', 'path']);
        const where = typeof hostPath === 'string' ? ` "${hostPath}"` : '';
        out.push(
          violation(
            'no-privileged',
            scoreVolumePath(input, pod, name) ?? podPath(pod, ['volumes', index, 'hostPath']),
            `Volume "${name}" of ${what} mounts the node's path${where} (hostPath)`,
          ),
        );
      }
    }
    return out;
  },
};

/** The `source` of the Score volume mounted from a pod volume, when the pod is the workload's own. */
function scoreVolumePath(input: PolicyInput, pod: PodTemplate, volume: string): string | undefined {
  if (!pod.fromWorkload) return undefined;
  for (const c of podContainers(pod, input.workload)) {
    if (!c.score) continue;
    const mounts = Array.isArray(c.spec.volumeMounts) ? c.spec.volumeMounts.filter(isRecord) : [];
    for (const m of mounts.filter((m) => m.name === volume)) {
      const entry = containerVolumes(c.name, c.score).find((e) => e.target === m.mountPath);
      if (entry) return jsonPointer([...entry.at, 'source']);
    }
  }
  return undefined;
}

const replicated = new Set(['Deployment', 'StatefulSet']);

/** The HorizontalPodAutoscaler that scales an object, if any. */
function autoscalerOf(objects: readonly KubeObject[], target: KubeObject): KubeObject | undefined {
  return objects.find((o) => {
    if (o.kind !== 'HorizontalPodAutoscaler') return false;
    const ref = dig(o, ['spec', 'scaleTargetRef']);
    return (
      isRecord(ref) &&
      ref.kind === target.kind &&
      ref.name === target.metadata.name &&
      (o.metadata.namespace ?? '') === (target.metadata.namespace ?? '')
    );
  });
}

const minReplicas2: PolicyDefinition = {
  name: 'min-replicas-2',
  description:
    'Deployments and StatefulSets run at least 2 replicas, or are scaled by a HorizontalPodAutoscaler with minReplicas of at least 2.',
  remedy:
    'set the workload annotation slipway.dev/replicas to 2 or more, or ask a platform engineer to raise the replicas or autoscaling minReplicas of the environment type',
  check(input) {
    const pods = podTemplates(input);
    return input.objects
      .filter((o) => replicated.has(o.kind))
      .flatMap((o) => {
        const hpa = autoscalerOf(input.objects, o);
        if (hpa) {
          // The autoscaler owns the replica count: it may scale down to its minimum whatever spec.replicas says.
          const min = dig(hpa, ['spec', 'minReplicas']);
          const count = typeof min === 'number' ? min : 1;
          if (count >= 2) return [];
          return [
            violation(
              'min-replicas-2',
              objectPath(hpa, ['spec', 'minReplicas']),
              `${describeObject(hpa)} may scale ${describeObject(o)} down to ${count} replica${count === 1 ? '' : 's'}`,
            ),
          ];
        }
        const replicas = dig(o, ['spec', 'replicas']);
        const count = typeof replicas === 'number' ? replicas : 1;
        if (count >= 2) return [];
        const fromAnnotation =
          pods.some((p) => p.object === o && p.fromWorkload) &&
          input.workload.metadata.annotations?.[slipwayAnnotations.replicas] !== undefined;
        const path = fromAnnotation
          ? jsonPointer(['metadata', 'annotations', slipwayAnnotations.replicas])
          : objectPath(o, ['spec', 'replicas']);
        const why = typeof replicas === 'number' ? '' : ' (it sets none, so Kubernetes runs 1)';
        return [
          violation(
            'min-replicas-2',
            path,
            `${describeObject(o)} runs ${count} replica${count === 1 ? '' : 's'}${why}: one node going down takes it offline`,
          ),
        ];
      });
  },
};

/** The policies Slipway ships with, in the order they are documented. */
export const builtinPolicies: readonly PolicyDefinition[] = Object.freeze([
  noLatestTag,
  requireImageDigest,
  requireResourceLimits,
  requireReadinessProbe,
  noPrivileged,
  minReplicas2,
]);

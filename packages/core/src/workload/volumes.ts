import type { ResolvedResource } from '../resources/resolved.ts';
import type { PodVolume, VolumeMount } from './kube-shapes.ts';
import { kubeName } from './names.ts';
import { expandPlaceholders, resourceReference, withoutSecrets } from './placeholders.ts';
import { addIssue, type RenderContext } from './render-context.ts';
import { isRecord } from './score-schema.ts';
import { type ContainerVolumeEntry, containerVolumes } from './types.ts';

/**
 * Container volumes come from resources: `source: ${resources.NAME}` names a resource whose
 * outputs say what to mount. Three output shapes are understood:
 * - `source`: a Kubernetes volume source, e.g. `{ emptyDir: {} }` (as score-k8s's volume provisioner);
 * - `claimName`: an existing PersistentVolumeClaim;
 * - `claimSpec`: a claim per pod, which only a StatefulSet can have (`volumeClaimTemplates`).
 */
export interface VolumePlan {
  mounts: Map<string, VolumeMount[]>;
  volumes: PodVolume[];
  claimTemplates: Array<{ metadata: { name: string }; spec: Record<string, unknown> }>;
}

export function planVolumes(ctx: RenderContext): VolumePlan {
  const plan: VolumePlan = { mounts: new Map(), volumes: [], claimTemplates: [] };
  const seen = new Set<string>();
  for (const name of Object.keys(ctx.workload.containers).sort()) {
    const container = ctx.workload.containers[name];
    const mounts: VolumeMount[] = [];
    for (const entry of container ? containerVolumes(name, container) : []) {
      const resource = volumeResource(ctx, entry);
      if (!resource) continue;
      const volumeName = kubeName(['vol', resource.name]);
      if (!seen.has(volumeName) && addVolume(ctx, plan, volumeName, resource, entry)) seen.add(volumeName);
      mounts.push(mount(ctx, volumeName, entry));
    }
    plan.mounts.set(name, mounts);
  }
  return plan;
}

function volumeResource(ctx: RenderContext, { volume, at }: ContainerVolumeEntry): ResolvedResource | undefined {
  const sourceAt = [...at, 'source'];
  // A bare resource name is accepted too: older Score files (and the spec's own sample) write it so.
  const name = resourceReference(volume.source) ?? (ctx.resources[volume.source] ? volume.source : undefined);
  if (name === undefined) {
    const expanded = expandPlaceholders(volume.source, withoutSecrets(ctx.placeholders), sourceAt);
    ctx.issues.push(...expanded.issues);
    if (!expanded.issues.length) {
      addIssue(ctx, sourceAt, `Volume source "${volume.source}" must name a resource, e.g. \${resources.data}`);
    }
    return undefined;
  }
  const resource = ctx.resources[name];
  if (!resource) {
    const known = Object.keys(ctx.resources).sort().join(', ') || 'none';
    addIssue(
      ctx,
      sourceAt,
      `Volume source names resource "${name}", which this workload does not have; its resources are: ${known}`,
    );
  }
  return resource;
}

function addVolume(
  ctx: RenderContext,
  plan: VolumePlan,
  name: string,
  resource: ResolvedResource,
  { at }: ContainerVolumeEntry,
): boolean {
  const { source, claimName, claimSpec } = resource.outputs;
  if (isRecord(source) && Object.keys(source).length === 1) {
    plan.volumes.push({ name, ...source });
  } else if (typeof claimName === 'string' && claimName) {
    plan.volumes.push({ name, persistentVolumeClaim: { claimName } });
  } else if (isRecord(claimSpec) && ctx.settings.kind === 'StatefulSet') {
    plan.claimTemplates.push({ metadata: { name }, spec: claimSpec });
  } else if (isRecord(claimSpec)) {
    addIssue(
      ctx,
      [...at, 'source'],
      `Resource "${resource.name}" gives a claim per pod (claimSpec), which needs the annotation slipway.dev/kind: StatefulSet`,
    );
    return false;
  } else {
    const outputs = Object.keys(resource.outputs).sort().join(', ') || 'none';
    addIssue(
      ctx,
      [...at, 'source'],
      `Resource "${resource.name}" (type ${resource.type}) cannot be mounted: a volume needs the output source (one Kubernetes volume source, e.g. {emptyDir: {}}), claimName or claimSpec; its outputs are: ${outputs}`,
    );
    return false;
  }
  return true;
}

function mount(ctx: RenderContext, name: string, { target, volume, at }: ContainerVolumeEntry): VolumeMount {
  const m: VolumeMount = { name, mountPath: target };
  // Kubernetes takes a relative subPath; Score samples write it with a leading slash.
  const subPath = volume.path?.replace(/^\/+/, '');
  if (subPath?.split('/').includes('..'))
    addIssue(ctx, [...at, 'path'], 'The sub path must stay inside the volume: no ".."');
  if (subPath) m.subPath = subPath;
  if (volume.readOnly) m.readOnly = true;
  return m;
}

import { jsonPointer } from '../errors/index.ts';
import type { KubeObject } from '../kube/object.ts';
import type { ScoreContainer, ScoreWorkload } from '../workload/types.ts';

type Segments = Array<string | number>;
type Json = Record<string, unknown>;

/** One pod template of a rendered object (or a bare Pod's own spec). */
export interface PodTemplate {
  object: KubeObject;
  /** Path segments from the object's root to its pod spec. */
  specAt: Segments;
  spec: Json;
  /** Deployment, StatefulSet and DaemonSet pods run until replaced; Jobs, CronJobs and bare Pods may finish. */
  longRunning: boolean;
  /** True when the pod runs exactly the Score workload's containers, so paths can point into the Score file. */
  fromWorkload: boolean;
}

export interface PodContainer {
  pod: PodTemplate;
  name: string;
  field: 'containers' | 'initContainers';
  index: number;
  spec: Json;
  /** An init container with `restartPolicy: Always`: a native sidecar, running as long as the pod. */
  sidecar: boolean;
  /** The Score container this one is rendered from, when the pod is the workload's own. */
  score: ScoreContainer | undefined;
}

const templateAt: Readonly<Record<string, { at: Segments; longRunning: boolean }>> = {
  Deployment: { at: ['spec', 'template', 'spec'], longRunning: true },
  StatefulSet: { at: ['spec', 'template', 'spec'], longRunning: true },
  DaemonSet: { at: ['spec', 'template', 'spec'], longRunning: true },
  Job: { at: ['spec', 'template', 'spec'], longRunning: false },
  CronJob: { at: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], longRunning: false },
  Pod: { at: ['spec'], longRunning: false },
};

export const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function dig(value: unknown, at: Segments): unknown {
  let current = value;
  for (const segment of at) {
    if (!isRecord(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isRecord) : []);

export function podTemplates(input: { workload: ScoreWorkload; objects: readonly KubeObject[] }): PodTemplate[] {
  const scoreNames = Object.keys(input.workload.containers).sort();
  const out: PodTemplate[] = [];
  for (const object of input.objects) {
    const shape = templateAt[object.kind];
    const spec = shape && dig(object, shape.at);
    if (!shape || !isRecord(spec)) continue;
    const names = [...list(spec.containers), ...list(spec.initContainers)].map((c) => String(c.name)).sort();
    const fromWorkload = names.length > 0 && names.join('\n') === scoreNames.join('\n');
    out.push({ object, specAt: shape.at, spec, longRunning: shape.longRunning, fromWorkload });
  }
  return out;
}

export function podContainers(pod: PodTemplate, workload: ScoreWorkload): PodContainer[] {
  return (['initContainers', 'containers'] as const).flatMap((field) =>
    list(pod.spec[field]).map((spec, index): PodContainer => {
      const name = String(spec.name ?? '');
      return {
        pod,
        name,
        field,
        index,
        spec,
        sidecar: field === 'initContainers' && spec.restartPolicy === 'Always',
        score: pod.fromWorkload ? workload.containers[name] : undefined,
      };
    }),
  );
}

/** Every container of every pod template in the objects, init containers first. */
export function allContainers(input: { workload: ScoreWorkload; objects: readonly KubeObject[] }): PodContainer[] {
  return podTemplates(input).flatMap((pod) => podContainers(pod, input.workload));
}

/** A pointer into the rendered objects: `/objects/<kind>/<name>/...`. */
export function objectPath(object: KubeObject, at: Segments): string {
  return jsonPointer(['objects', object.kind, object.metadata.name, ...at]);
}

/** A pointer into a pod spec of the objects. */
export function podPath(pod: PodTemplate, at: Segments): string {
  return objectPath(pod.object, [...pod.specAt, ...at]);
}

/** A field of a container: in the Score file when the container comes from it, else in the objects. */
export function containerPath(c: PodContainer, at: Segments): string {
  if (c.score) return jsonPointer(['containers', c.name, ...at]);
  return podPath(c.pod, [c.field, c.index, ...at]);
}

/** What to call an object in a message: `Deployment "web"`. */
export const describeObject = (o: KubeObject) => `${o.kind} "${o.metadata.name}"`;

/** What to call a container in a message, naming its object only when it is not the workload's own. */
export const describeContainer = (c: PodContainer) =>
  c.score ? `Container "${c.name}"` : `Container "${c.name}" of ${describeObject(c.pod.object)}`;

import type { ResourceAmounts } from '../environments/context.ts';
import type { ConfigPlan } from './config.ts';
import type { ContainerSpec, VolumeMount } from './kube-shapes.ts';
import { addIssue, type RenderContext } from './render-context.ts';
import type { ScoreContainer, ScoreProbe, ScoreResourceAmounts } from './types.ts';
import type { VolumePlan } from './volumes.ts';

/**
 * Score containers → pod containers. A container with `before` starts ahead of the others, so
 * it becomes an init container: a plain one when the next must wait for it to complete, a
 * native sidecar (`restartPolicy: Always`) when it only has to be started or healthy.
 */
export interface PodContainers {
  containers: ContainerSpec[];
  initContainers: ContainerSpec[];
}

export function buildContainers(
  ctx: RenderContext,
  images: Readonly<Record<string, string>>,
  config: ConfigPlan,
  volumes: VolumePlan,
): PodContainers {
  const names = Object.keys(ctx.workload.containers).sort();
  const specs = new Map<string, ContainerSpec>();
  for (const name of names) {
    const score = ctx.workload.containers[name] as ScoreContainer;
    const mounts = [...(config.mounts.get(name) ?? []), ...(volumes.mounts.get(name) ?? [])];
    checkMounts(ctx, name, mounts);
    specs.set(name, {
      name,
      image: images[name] ?? '',
      command: score.command,
      args: score.args,
      env: nonEmpty(config.env.get(name)),
      resources: containerResources(ctx, score),
      livenessProbe: score.livenessProbe && probe(ctx, [name, 'livenessProbe'], score.livenessProbe),
      readinessProbe: score.readinessProbe && probe(ctx, [name, 'readinessProbe'], score.readinessProbe),
      volumeMounts: nonEmpty([...mounts].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1))),
    });
  }
  const initOrder = startOrder(
    ctx,
    names.filter((n) => ctx.workload.containers[n]?.before),
  );
  if (initOrder.length === names.length) {
    addIssue(
      ctx,
      ['containers'],
      'Every container has "before"; at least one must be the main container that the others start before',
    );
  }
  return {
    containers: names.filter((n) => !initOrder.includes(n)).map((n) => specs.get(n) as ContainerSpec),
    initContainers: initOrder.map((n) => initContainer(ctx, specs.get(n) as ContainerSpec)),
  };
}

const nonEmpty = <T>(list: T[] | undefined): T[] | undefined => (list?.length ? list : undefined);

/** Kubernetes refuses two mounts at the same path and relative mount paths. */
function checkMounts(ctx: RenderContext, container: string, mounts: VolumeMount[]): void {
  const seen = new Set<string>();
  const score = ctx.workload.containers[container] as ScoreContainer;
  for (const m of mounts) {
    const field = m.name.startsWith('slipway-') ? 'files' : 'volumes';
    const at = ['containers', container, field, ...targetKey(score, field, m.mountPath)];
    if (!m.mountPath.startsWith('/')) addIssue(ctx, at, `The target "${m.mountPath}" must be an absolute path`);
    if (seen.has(m.mountPath)) addIssue(ctx, at, `Two files or volumes are mounted at "${m.mountPath}"`);
    seen.add(m.mountPath);
  }
}

/** Where a target sits in the Score document: its key in the map form, its index in the list form. */
function targetKey(score: ScoreContainer, field: 'files' | 'volumes', target: string): Array<string | number> {
  const value = score[field];
  if (!Array.isArray(value)) return [target];
  const index = value.findIndex((v) => v.target === target);
  return index === -1 ? [] : [index];
}

function containerResources(ctx: RenderContext, score: ScoreContainer): Record<string, unknown> | undefined {
  const given = score.resources;
  const fallback = ctx.environment.defaults.resources;
  const source = given ?? fallback;
  if (!source) return undefined;
  const out: Record<string, unknown> = {};
  const limits = amounts(source.limits);
  const requests = amounts(source.requests);
  if (limits) out.limits = limits;
  if (requests) out.requests = requests;
  return Object.keys(out).length ? out : undefined;
}

function amounts(a: ScoreResourceAmounts | ResourceAmounts | undefined): Record<string, string> | undefined {
  if (!a) return undefined;
  const out: Record<string, string> = {};
  if (a.cpu) out.cpu = a.cpu;
  if (a.memory) out.memory = a.memory;
  return Object.keys(out).length ? out : undefined;
}

/** Score allows httpGet and exec together; Kubernetes takes one handler, and Score says prefer exec. */
function probe(ctx: RenderContext, at: [string, string], p: ScoreProbe): Record<string, unknown> {
  if (p.exec) return { exec: { command: p.exec.command } };
  const h = p.httpGet as NonNullable<ScoreProbe['httpGet']>;
  // Score allows "_" in header names; Kubernetes does not, and would refuse the whole release.
  h.httpHeaders?.forEach(({ name }, i) => {
    if (!/^[-A-Za-z0-9]+$/.test(name)) {
      addIssue(
        ctx,
        ['containers', ...at, 'httpGet', 'httpHeaders', i, 'name'],
        `"${name}": Kubernetes takes only letters, digits and "-" in HTTP header names`,
      );
    }
  });
  return {
    httpGet: {
      path: h.path,
      port: h.port,
      host: h.host,
      scheme: h.scheme?.toUpperCase(),
      httpHeaders: h.httpHeaders?.map(({ name, value }) => ({ name, value })),
    },
  };
}

/** Orders containers with `before` so each starts ahead of those it names (ties by name). */
function startOrder(ctx: RenderContext, early: string[]): string[] {
  const order: string[] = [];
  const pending = new Set(early);
  while (pending.size) {
    const ready = [...pending].find((n) => ![...pending].some((m) => m !== n && beforeNames(ctx, m).includes(n)));
    if (!ready) {
      for (const n of pending) addIssue(ctx, ['containers', n, 'before'], 'The "before" entries form a cycle');
      break;
    }
    order.push(ready);
    pending.delete(ready);
  }
  return order;
}

const beforeNames = (ctx: RenderContext, name: string) => Object.keys(ctx.workload.containers[name]?.before ?? {});

function initContainer(ctx: RenderContext, spec: ContainerSpec): ContainerSpec {
  const before = Object.values(ctx.workload.containers[spec.name]?.before ?? {});
  if (before.some((b) => b.ready === 'complete')) {
    for (const field of ['livenessProbe', 'readinessProbe'] as const) {
      if (spec[field]) {
        addIssue(
          ctx,
          ['containers', spec.name, field],
          'A container others wait to complete runs once before them, so it cannot have probes',
        );
      }
    }
    return spec;
  }
  // A sidecar counts as started once its startup probe passes; "healthy" reuses the readiness probe for that.
  const healthy = before.some((b) => b.ready === 'healthy');
  return { ...spec, restartPolicy: 'Always', startupProbe: healthy ? spec.readinessProbe : undefined };
}

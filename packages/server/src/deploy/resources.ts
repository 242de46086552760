import {
  type EnvironmentContext,
  expandDeep,
  type FieldIssue,
  invalidInput,
  type Provisioner,
  type ResolvedResource,
  resolveResources,
  type ScoreWorkload,
  type WorkloadServicePort,
} from '@slipway/core';
import { renderScoreK8s } from '../provisioners/gotemplate.ts';
import { renderHelmReleases } from '../provisioners/helm.ts';

/**
 * Resolves a workload's resources in dependency order: a resource whose params name another
 * (a route's `host: ${resources.dns.host}`) is provisioned after it, with its params expanded.
 * A cycle is an error at the params that close it. score-k8s provisioners share one `.Shared`
 * state across the whole workload's resolve (it is not kept between deploys).
 */
export async function provisionResources(input: {
  workload: ScoreWorkload;
  environment: EnvironmentContext;
  provisioners: readonly Provisioner[];
  seed: string;
  /** The service ports of the workloads deployed in the environment (see resolveResources). */
  environmentWorkloads?: Record<string, Record<string, WorkloadServicePort>>;
}): Promise<Record<string, ResolvedResource>> {
  const requests = input.workload.resources ?? {};
  const pending = new Map(Object.entries(requests));
  const resolved: Record<string, ResolvedResource> = {};
  const metadata = input.workload.metadata as Record<string, unknown>;
  let scoreShared: Record<string, unknown> = {};
  while (pending.size > 0) {
    const ready = [...pending.entries()].filter(([, r]) =>
      referencedResources(r.params).every((n) => n in resolved || !(n in requests)),
    );
    if (ready.length === 0) throw cycleError([...pending.keys()]);
    const batch: Record<string, (typeof requests)[string]> = {};
    const issues: FieldIssue[] = [];
    for (const [name, request] of ready) {
      const params = expandDeep(request.params ?? {}, { metadata, resources: resolved }, ['resources', name, 'params']);
      issues.push(...params.issues);
      batch[name] = { ...request, params: params.value as Record<string, unknown> };
      pending.delete(name);
    }
    if (issues.length) throw invalidInput('The resources of the workload are not valid', issues);
    const result = resolveResources({
      workloadName: input.workload.metadata.name,
      workloadAnnotations: input.workload.metadata.annotations ?? {},
      workloadPorts: input.workload.service?.ports ?? {},
      resources: batch,
      environment: input.environment,
      provisioners: input.provisioners,
      seed: input.seed,
      ...(input.environmentWorkloads ? { environmentWorkloads: input.environmentWorkloads } : {}),
    });
    const score = await renderScoreK8s(result, scoreShared);
    scoreShared = score.shared;
    const withScore = { ...result, resolved: score.resolved };
    Object.assign(resolved, result.helmReleases.length ? await renderHelmReleases(withScore) : withScore.resolved);
  }
  return resolved;
}

/** Names of the resources a params tree refers to through `${resources.NAME...}`. */
function referencedResources(params: unknown): string[] {
  const names = new Set<string>();
  const visit = (v: unknown) => {
    if (typeof v === 'string') for (const m of v.matchAll(/(?<!\$)\$\{resources\.([^.}]+)/g)) names.add(m[1] as string);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(params);
  return [...names];
}

function cycleError(names: string[]) {
  return invalidInput(
    `The resources ${names.join(', ')} refer to each other in a cycle`,
    names.map((n) => ({ path: `/resources/${n}/params`, message: 'refers, through other resources, back to itself' })),
  );
}

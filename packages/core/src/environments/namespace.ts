import { type KubeObject, slipwayLabels } from '../kube/object.ts';
import { defaultDenyPolicy } from '../network/policies.ts';
import { kubeName, labelValue } from '../workload/names.ts';
import type { ResourceAmounts } from './context.ts';
import type { ContainerLimits, EnvironmentType } from './types.ts';

/** Marks a namespace (and what Slipway puts in it) with the type of its environment. */
export const environmentTypeLabel = 'slipway.dev/environment-type';

export const resourceQuotaName = 'slipway-quota';
export const limitRangeName = 'slipway-limits';

export interface EnvironmentNamespaceInput {
  environment: string;
  namespace: string;
  type: EnvironmentType;
  /** Extra labels; Slipway's own labels win over them, so ownership cannot be spoofed. */
  labels?: Record<string, string>;
}

/**
 * The objects that make a namespace an environment: the Namespace itself, a NetworkPolicy that
 * denies all incoming traffic (each workload's own policy admits what it declared) and, when
 * the type caps it, a ResourceQuota and a LimitRange. An empty quota or limits renders nothing,
 * since Kubernetes would accept but ignore it.
 */
export function environmentNamespaceObjects(input: EnvironmentNamespaceInput): KubeObject[] {
  const labels = namespaceLabels(input);
  const objects: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: input.namespace, labels: { ...labels } } },
    defaultDenyPolicy(input.namespace, labels),
  ];
  const { quota, limits } = input.type;
  if (quota && Object.keys(quota).length > 0) objects.push(resourceQuota(input.namespace, labels, quota));
  const item = limits ? containerLimitItem(limits) : undefined;
  if (item) objects.push(limitRange(input.namespace, labels, item));
  return objects;
}

function namespaceLabels(input: EnvironmentNamespaceInput): Record<string, string> {
  return {
    ...input.labels,
    [slipwayLabels.managedBy]: 'slipway',
    [slipwayLabels.environment]: labelValue(input.environment),
    [environmentTypeLabel]: labelValue(input.type.name),
  };
}

function resourceQuota(namespace: string, labels: Record<string, string>, hard: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: resourceQuotaName, namespace, labels: { ...labels } },
    spec: { hard: { ...hard } },
  };
}

function limitRange(namespace: string, labels: Record<string, string>, item: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: limitRangeName, namespace, labels: { ...labels } },
    spec: { limits: [item] },
  };
}

/** The LimitRange item, or undefined when no amount is set at all. */
function containerLimitItem(limits: ContainerLimits): Record<string, unknown> | undefined {
  const item: Record<string, unknown> = { type: 'Container' };
  for (const key of ['defaultRequest', 'default', 'max'] as const) {
    const amounts = definedAmounts(limits[key]);
    if (amounts) item[key] = amounts;
  }
  return Object.keys(item).length > 1 ? item : undefined;
}

/** Drops unset amounts, so the object compares equal to what the API server hands back. */
function definedAmounts(amounts: ResourceAmounts | undefined): Record<string, string> | undefined {
  const entries = Object.entries(amounts ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/**
 * The namespace an environment gets when nobody names one: `${prefix}-${environment}`,
 * lowercased. A name that is too long or has characters a namespace cannot is cut and ends
 * in a hash of the whole, so two long environment names never share a namespace.
 */
export function defaultNamespaceName(prefix: string, environment: string): string {
  // The dash between the two is ours: a prefix written with one (`rw-`) must not double it.
  return kubeName([prefix.toLowerCase().replace(/-+$/, ''), environment.toLowerCase()]);
}

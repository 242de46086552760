import type { KubeObject } from '../kube/object.ts';
import { field, isJson, list, str } from './fields.ts';

/**
 * Whether a label selector (matchLabels and matchExpressions) selects the given labels. A missing
 * or empty selector selects nothing here: workloads always have one, and attributing every pod of
 * a namespace to an object without one would blame it for other people's failures.
 */
export function selects(selector: unknown, labels: Record<string, string> = {}): boolean {
  if (!isJson(selector)) return false;
  const matchLabels = isJson(selector.matchLabels) ? Object.entries(selector.matchLabels) : [];
  const expressions = list(selector.matchExpressions);
  if (matchLabels.length === 0 && expressions.length === 0) return false;
  return matchLabels.every(([k, v]) => labels[k] === v) && expressions.every((e) => matchesExpression(e, labels));
}

function matchesExpression(e: Record<string, unknown>, labels: Record<string, string>): boolean {
  const key = str(e.key) ?? '';
  const values = Array.isArray(e.values) ? e.values.map(String) : [];
  const has = Object.hasOwn(labels, key);
  switch (e.operator) {
    case 'In':
      return has && values.includes(labels[key] as string);
    case 'NotIn':
      return !has || !values.includes(labels[key] as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/** The pods a workload owns: same namespace, selected by its `spec.selector`. */
export function podsOf(workload: KubeObject, pods: readonly KubeObject[]): KubeObject[] {
  const selector = field(workload.spec, 'selector');
  const ns = workload.metadata.namespace;
  return pods.filter((p) => (ns === undefined || p.metadata.namespace === ns) && selects(selector, p.metadata.labels));
}

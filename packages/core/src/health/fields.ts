/**
 * Safe readers for live objects. Objects arrive as untyped JSON and the apiserver omits empty
 * fields (a zero `readyReplicas` is simply absent), so every read tolerates a missing level.
 */
import type { KubeObject } from '../kube/object.ts';

export type Json = Record<string, unknown>;

export function field(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export const num = (value: unknown, fallback = 0): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export const isJson = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isJson) : []);

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

export function conditionsIn(value: unknown): Condition[] {
  return list(value)
    .filter((c) => typeof c.type === 'string')
    .map((c) => ({ ...c, type: String(c.type), status: str(c.status) ?? 'Unknown' }) as Condition);
}

export function conditions(obj: KubeObject): Condition[] {
  return conditionsIn(obj.status?.conditions);
}

export function findCondition(obj: KubeObject, type: string): Condition | undefined {
  return conditions(obj).find((c) => c.type === type);
}

/**
 * True while the controller has not yet acted on the latest spec: until it has, every other
 * status field describes the previous spec and must not be trusted (kubectl rollout status).
 */
export function generationBehind(obj: KubeObject): boolean {
  return num(obj.metadata.generation) > num(obj.status?.observedGeneration);
}

/** `spec.replicas`, which the apiserver defaults to 1; a rendered object may omit it. */
export const desiredReplicas = (obj: KubeObject): number => num(obj.spec?.replicas, 1);

/** Milliseconds since the epoch, or undefined for a missing or malformed timestamp. */
export function timeOf(value: unknown): number | undefined {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

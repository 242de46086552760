/**
 * The environment type editor's state: strings as the inputs hold them, turned into the PUT
 * body only on save, so a half-typed number is the API's to refuse (with the field's path),
 * not the form's to silently drop.
 */

import type { paths } from '@slipway/api-client';
import type { Role } from '@slipway/core/access';
import type { Schemas } from '../../../api/client';

export type TypeView = Schemas['EnvironmentTypeView'];

export interface Amounts {
  cpu: string;
  memory: string;
}

export interface TypeForm {
  name: string;
  description: string;
  replicas: string;
  progressDeadlineSeconds: string;
  requests: Amounts;
  limits: Amounts;
  autoscaling: boolean;
  minReplicas: string;
  maxReplicas: string;
  targetCpu: string;
  minAvailable: string;
  maxUnavailable: string;
  quota: Array<{ key: string; value: string }>;
  limitRange: { defaultRequest: Amounts; default: Amounts; max: Amounts };
  limitProvisioners: boolean;
  provisioners: string[];
  policies: string[];
  requiresApproval: boolean;
  approvalTtlSeconds: string;
  ephemeral: boolean;
  ttlSeconds: string;
  deploy: Role | '';
  approve: Role | '';
}

const amounts = (a?: { cpu?: string; memory?: string }): Amounts => ({ cpu: a?.cpu ?? '', memory: a?.memory ?? '' });
const text = (v: number | string | undefined) => (v === undefined ? '' : String(v));

export function formOf(t: TypeView | undefined): TypeForm {
  const d = t?.defaults;
  return {
    name: t?.name ?? '',
    description: t?.description ?? '',
    replicas: text(d?.replicas ?? 1),
    progressDeadlineSeconds: text(d?.progressDeadlineSeconds ?? 300),
    requests: amounts(d?.resources?.requests),
    limits: amounts(d?.resources?.limits),
    autoscaling: d?.autoscaling !== undefined,
    minReplicas: text(d?.autoscaling?.minReplicas ?? 2),
    maxReplicas: text(d?.autoscaling?.maxReplicas ?? 5),
    targetCpu: text(d?.autoscaling?.targetCPUUtilizationPercentage ?? 80),
    minAvailable: text(d?.disruptionBudget?.minAvailable),
    maxUnavailable: text(d?.disruptionBudget?.maxUnavailable),
    quota: Object.entries(t?.quota ?? {}).map(([key, value]) => ({ key, value })),
    limitRange: {
      defaultRequest: amounts(t?.limits?.defaultRequest),
      default: amounts(t?.limits?.default),
      max: amounts(t?.limits?.max),
    },
    limitProvisioners: t?.provisioners !== undefined,
    provisioners: t?.provisioners ?? [],
    policies: t?.policies ?? [],
    requiresApproval: t?.requiresApproval ?? false,
    approvalTtlSeconds: text(t?.approvalTtlSeconds ?? 86_400),
    ephemeral: t?.ttlSeconds !== null && t?.ttlSeconds !== undefined,
    ttlSeconds: text(t?.ttlSeconds ?? 7 * 86_400),
    deploy: t?.access?.deploy ?? '',
    approve: t?.access?.approve ?? '',
  };
}

/** A number where one was typed; what cannot be read goes as typed, for the API to name. */
function number(s: string): number | undefined {
  const trimmed = s.trim();
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : (trimmed as unknown as number);
}

/** A disruption budget value: a count (2) or a percentage ("50%"). */
function countOrPercent(s: string): number | string | undefined {
  const trimmed = s.trim();
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function amountsBody(a: Amounts) {
  const out: { cpu?: string; memory?: string } = {};
  if (a.cpu.trim()) out.cpu = a.cpu.trim();
  if (a.memory.trim()) out.memory = a.memory.trim();
  return Object.keys(out).length ? out : undefined;
}

/** Drops keys whose value is undefined, and returns undefined for an object left empty. */
function compact<T extends Record<string, unknown>>(o: T): T | undefined {
  const entries = Object.entries(o).filter(([, v]) => v !== undefined);
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

export type TypeBody = paths['/api/v1/environment-types/{name}']['put']['requestBody']['content']['application/json'];

export function bodyOf(f: TypeForm): TypeBody {
  const resources = compact({ requests: amountsBody(f.requests), limits: amountsBody(f.limits) });
  const disruptionBudget = compact({
    minAvailable: countOrPercent(f.minAvailable),
    maxUnavailable: countOrPercent(f.maxUnavailable),
  });
  const limits = compact({
    defaultRequest: amountsBody(f.limitRange.defaultRequest),
    default: amountsBody(f.limitRange.default),
    max: amountsBody(f.limitRange.max),
  });
  const quotaRows = f.quota.filter((q) => q.key.trim() || q.value.trim());
  const access = compact({ deploy: f.deploy || undefined, approve: f.approve || undefined });
  return {
    description: f.description,
    defaults: {
      replicas: number(f.replicas) as number,
      progressDeadlineSeconds: number(f.progressDeadlineSeconds) as number,
      ...(resources ? { resources } : {}),
      ...(f.autoscaling
        ? {
            autoscaling: {
              minReplicas: number(f.minReplicas) as number,
              maxReplicas: number(f.maxReplicas) as number,
              targetCPUUtilizationPercentage: number(f.targetCpu) as number,
            },
          }
        : {}),
      ...(disruptionBudget ? { disruptionBudget } : {}),
    },
    ...(quotaRows.length ? { quota: Object.fromEntries(quotaRows.map((q) => [q.key.trim(), q.value.trim()])) } : {}),
    ...(limits ? { limits } : {}),
    // Left out, the type allows every provisioner of the platform; an empty list allows only the built-ins.
    ...(f.limitProvisioners ? { provisioners: f.provisioners } : {}),
    policies: f.policies,
    requiresApproval: f.requiresApproval,
    approvalTtlSeconds: number(f.approvalTtlSeconds) as number,
    ttlSeconds: f.ephemeral ? (number(f.ttlSeconds) as number) : null,
    ...(access ? { access } : {}),
  };
}

/** A JSON Pointer segment for a key such as `count/pods` (RFC 6901 escaping). */
export const pointerSegment = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

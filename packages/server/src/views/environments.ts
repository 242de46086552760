import type { Kysely } from 'kysely';
import { defaultClusterName } from '../clusters/registry.ts';
import type { Schema } from '../db/schema.ts';
import { clusterNames } from '../db/stores/clusters.ts';
import type { EnvironmentRecord } from '../db/stores/environments.ts';

/** An environment as the API shows it: its cluster by name, its resolved defaults, dates as ISO strings. */
export async function environmentViews(db: Kysely<Schema>, environments: EnvironmentRecord[]) {
  const clusters = await clusterNames(
    db,
    environments.flatMap((e) => (e.clusterId === null ? [] : [e.clusterId])),
  );
  const clusterName = (id: string | null) => (id ? (clusters.get(id) ?? id) : defaultClusterName);
  return environments.map((e) => ({
    name: e.name,
    type: e.type,
    cluster: clusterName(e.clusterId),
    namespace: e.namespace,
    status: e.status,
    ...(e.context.domain ? { domain: e.context.domain } : {}),
    routeKind: e.context.routeKind,
    ...(e.context.ingressClassName ? { ingressClassName: e.context.ingressClassName } : {}),
    ...(e.context.gateway ? { gateway: e.context.gateway } : {}),
    defaults: e.context.defaults as unknown as Record<string, unknown>,
    overrides: e.settings.overrides as Record<string, unknown>,
    schedule: e.schedule,
    expiresAt: e.expiresAt?.toISOString() ?? null,
    pausedAt: e.pausedAt?.toISOString() ?? null,
    origin: e.origin as Record<string, unknown> | null,
    createdBy: e.createdBy,
    owner: e.ownerTeam,
    ...(e.settings.gitops ? { gitops: e.settings.gitops } : {}),
    createdAt: e.createdAt.toISOString(),
  }));
}

export async function environmentView(db: Kysely<Schema>, environment: EnvironmentRecord) {
  const [view] = await environmentViews(db, [environment]);
  return view as NonNullable<typeof view>;
}

import { alreadyExists, notFound, SlipwayError } from '@slipway/core';
import type { Kysely, Selectable } from 'kysely';
import type { ClustersTable, Schema } from '../schema.ts';
import { isUniqueViolation } from '../sql-errors.ts';

/** A registered cluster as the server sees it; its credentials stay sealed until used. */
export interface ClusterRecord {
  id: string;
  name: string;
  server: string;
  sealedCredentials: string;
  /** Its Prometheus settings, sealed; null when none is set. */
  sealedPrometheus: string | null;
  version: string | null;
  status: string;
  message: string;
  checkedAt: Date | null;
  createdBy: string;
  createdAt: Date;
}

export interface NewCluster {
  id: string;
  name: string;
  server: string;
  sealedCredentials: string;
  version: string | null;
  createdBy: string;
}

export async function createCluster(db: Kysely<Schema>, input: NewCluster): Promise<ClusterRecord> {
  try {
    const row = await db
      .insertInto('clusters')
      .values({
        id: input.id,
        name: input.name,
        server: input.server,
        credentials: input.sealedCredentials,
        version: input.version,
        status: 'healthy',
        checked_at: new Date(),
        created_by: input.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toCluster(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(`A cluster named ${input.name} is already registered`);
    throw error;
  }
}

export async function listClusters(db: Kysely<Schema>): Promise<ClusterRecord[]> {
  return (await db.selectFrom('clusters').selectAll().orderBy('name').execute()).map(toCluster);
}

/** Names of clusters by id, in one query. */
export async function clusterNames(db: Kysely<Schema>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('clusters')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findClusterByName(db: Kysely<Schema>, name: string): Promise<ClusterRecord | undefined> {
  const row = await db.selectFrom('clusters').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toCluster(row) : undefined;
}

export async function getClusterById(db: Kysely<Schema>, id: string): Promise<ClusterRecord> {
  const row = await db.selectFrom('clusters').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Cluster ${id}`);
  return toCluster(row);
}

export async function recordClusterHealth(
  db: Kysely<Schema>,
  id: string,
  health: { status: 'healthy' | 'unreachable'; version?: string | null; message: string; at: Date },
): Promise<void> {
  await db
    .updateTable('clusters')
    .set({
      status: health.status,
      message: health.message,
      checked_at: health.at,
      ...(health.version ? { version: health.version } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Replaces the sealed credentials (key rotation re-wraps them). */
export async function resealCluster(db: Kysely<Schema>, id: string, sealed: string): Promise<void> {
  await db.updateTable('clusters').set({ credentials: sealed }).where('id', '=', id).execute();
}

/** Sets (or with null removes) the sealed settings of the cluster's Prometheus. */
export async function setClusterPrometheus(db: Kysely<Schema>, id: string, sealed: string | null): Promise<void> {
  await db.updateTable('clusters').set({ prometheus: sealed }).where('id', '=', id).execute();
}

/**
 * Live environments keep a cluster registered. Deleted ones only keep history, which does not
 * need the credentials: they let go of it (in one transaction with the delete).
 */
export async function deleteCluster(db: Kysely<Schema>, name: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const cluster = await tx.selectFrom('clusters').select('id').where('name', '=', name).executeTakeFirst();
    if (!cluster) throw notFound(`Cluster ${name}`);
    const live = await tx
      .selectFrom('environments')
      .select('name')
      .where('cluster_id', '=', cluster.id)
      .where('deleted_at', 'is', null)
      .orderBy('name')
      .execute();
    if (live.length > 0) {
      throw new SlipwayError(
        'in_use',
        `Cluster ${name} still has environments: ${live.map((e) => e.name).join(', ')}`,
        {
          hint: 'Delete them first (slipway env delete NAME).',
        },
      );
    }
    await tx.updateTable('environments').set({ cluster_id: null }).where('cluster_id', '=', cluster.id).execute();
    await tx.deleteFrom('clusters').where('id', '=', cluster.id).execute();
  });
}

function toCluster(row: Selectable<ClustersTable>): ClusterRecord {
  return {
    id: row.id,
    name: row.name,
    server: row.server,
    sealedCredentials: row.credentials,
    sealedPrometheus: row.prometheus,
    version: row.version,
    status: row.status,
    message: row.message,
    checkedAt: row.checked_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

import { type ServiceSelector, serviceSelector } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { ClusterConnection, ClusterRegistry } from '../clusters/registry.ts';
import type { Schema } from '../db/schema.ts';
import { getEnvironmentByName } from '../db/stores/environments.ts';
import { lastApplied, listReleases, type ReleaseRecord } from '../db/stores/releases.ts';
import { getServiceByName } from '../db/stores/services.ts';

/** A service in an environment, and where in which cluster it runs. */
export interface LiveScope {
  serviceId: string;
  service: string;
  environmentId: string;
  environment: string;
  namespace: string;
  cluster: ClusterConnection;
}

/**
 * Resolves the names a request gives: 404 for an unknown service or environment, 503 when no
 * cluster is configured. The namespace and cluster are the environment's, as the engine
 * applies releases there (engine.ts: environment.context.namespace, environment.clusterId).
 */
export async function resolveScope(
  db: Kysely<Schema>,
  clusters: ClusterRegistry,
  serviceName: string,
  environmentName: string,
): Promise<LiveScope> {
  const service = await getServiceByName(db, serviceName);
  const environment = await getEnvironmentByName(db, environmentName);
  return {
    serviceId: service.id,
    service: service.name,
    environmentId: environment.id,
    environment: environment.name,
    namespace: environment.context.namespace,
    cluster: await clusters.connect(environment.clusterId),
  };
}

/** The newest release, and what tells the service's objects apart from its neighbours'. */
export interface ReleaseScope {
  newest: ReleaseRecord | undefined;
  selector: ServiceSelector;
}

/**
 * The workloads the service's newest release and its last applied one name count as its own
 * (a data store provisioned for it carries its resource's labels, not the service's).
 */
export async function releaseScope(db: Kysely<Schema>, scope: LiveScope): Promise<ReleaseScope> {
  const [newest] = await listReleases(db, { serviceId: scope.serviceId, environmentId: scope.environmentId, limit: 1 });
  const applied = await lastApplied(db, scope.serviceId, scope.environmentId);
  const objects = [...(newest?.objects ?? []), ...(applied?.objects ?? [])];
  return { newest, selector: serviceSelector(scope.service, scope.environment, objects) };
}

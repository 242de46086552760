import { ApiException } from '@kubernetes/client-node';
import { type KubeObject, SlipwayError } from '@slipway/core';
import { isConnectionReset } from '../kube/api-errors.ts';
import { RawObjectApi } from '../kube/raw-object-api.ts';
import { type NamespaceObjects, type ServiceObjects, selectServiceObjects } from './live-status.ts';
import type { LiveScope, ReleaseScope } from './scope.ts';

/**
 * Lists one kind in the scope's namespace, as plain JSON with apiVersion and kind set (list
 * items come without them). For one-off reads (events, logs); live views use the watches.
 */
export async function listInNamespace(
  scope: Pick<LiveScope, 'namespace'> & { cluster: Pick<LiveScope['cluster'], 'kube'> },
  apiVersion: string,
  kind: string,
): Promise<KubeObject[]> {
  const list = () => RawObjectApi.forConfig(scope.cluster.kube).list(apiVersion, kind, scope.namespace);
  try {
    // A list is a read: sent again once when its connection was reset under it (CI saw a 503
    // from one such reset), rather than failing the request it serves.
    const found = await list().catch((error: unknown) => {
      if (isConnectionReset(error)) return list();
      throw error;
    });
    return (found.items as unknown as KubeObject[]).map((o) => ({ ...o, apiVersion, kind }));
  } catch (error) {
    throw readFailed(error, `${kind} objects in namespace ${scope.namespace}`);
  }
}

export function readFailed(error: unknown, what: string): SlipwayError {
  if (error instanceof ApiException && (error.code === 401 || error.code === 403)) {
    return new SlipwayError('cluster_forbidden', `Slipway may not read ${what} in this cluster (HTTP ${error.code})`, {
      hint: "Check the RBAC rules of Slipway's ServiceAccount (docs/operator-guide.md).",
    });
  }
  const e = error as { code?: unknown; message?: string };
  const detail = error instanceof ApiException ? `HTTP ${error.code}` : String(e.code ?? e.message ?? error);
  return new SlipwayError('unavailable', `Cannot read ${what} from the Kubernetes API: ${detail}`, { cause: error });
}

/** The service's workloads and pods as the cluster has them now. */
export async function readServiceObjects(scope: LiveScope, release: ReleaseScope): Promise<ServiceObjects> {
  const [pods, ...workloads] = await Promise.all([
    listInNamespace(scope, 'v1', 'Pod'),
    listInNamespace(scope, 'apps/v1', 'Deployment'),
    listInNamespace(scope, 'apps/v1', 'StatefulSet'),
    listInNamespace(scope, 'batch/v1', 'CronJob'),
    listInNamespace(scope, 'batch/v1', 'Job'),
  ]);
  const objects: NamespaceObjects = { workloads: workloads.flat(), pods };
  return selectServiceObjects(objects, release.selector);
}

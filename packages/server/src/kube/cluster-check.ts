import { CoreV1Api, type KubeConfig, VersionApi } from '@kubernetes/client-node';
import { SlipwayError } from '@slipway/core';
import { withTimeout } from '../util/with-timeout.ts';
import { describeFailure } from './api-errors.ts';

export interface ClusterStatus {
  server: string;
  version: string;
  nodes: { total: number; ready: number };
  latencyMs: number;
}

/**
 * Asks the cluster who it is and how many of its nodes are Ready. Any failure becomes an
 * `unavailable` error that names the API server, so "which part is down" is never a guess.
 */
export async function checkCluster(kc: KubeConfig, timeoutMs = 5000): Promise<ClusterStatus> {
  const server = kc.getCurrentCluster()?.server ?? 'unknown';
  const started = performance.now();
  try {
    const [version, nodes] = await withTimeout(
      Promise.all([kc.makeApiClient(VersionApi).getCode(), kc.makeApiClient(CoreV1Api).listNode()]),
      timeoutMs,
    );
    const ready = nodes.items.filter((n) =>
      n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    ).length;
    return {
      server,
      version: version.gitVersion,
      nodes: { total: nodes.items.length, ready },
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    throw new SlipwayError('unavailable', `Cannot reach the Kubernetes API at ${server}: ${describeFailure(error)}`, {
      hint: 'Check that the cluster is running and that the kubeconfig points at it (for the local development cluster: testbed/cluster.sh start).',
      cause: error,
    });
  }
}

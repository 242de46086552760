import { type KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';

/** Asks the cluster's API discovery whether it serves a kind (a CRD may add it at any time). */
class Discovery extends KubernetesObjectApi {
  async serves(apiVersion: string, kind: string): Promise<boolean> {
    try {
      return (await this.resource(apiVersion, kind)) !== undefined;
    } catch {
      return false; // an API group that does not exist answers 404
    }
  }
}

export function servesKind(kc: KubeConfig, apiVersion: string, kind: string): Promise<boolean> {
  return kc.makeApiClient(Discovery).serves(apiVersion, kind);
}

export const httpRouteApi = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute' } as const;

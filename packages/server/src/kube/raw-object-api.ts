import { type KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';

/**
 * The generic object API, sending and receiving objects exactly as the API server speaks
 * them. client-node passes bodies and answers through its typed models, which keep only the
 * fields they know by their TypeScript names: a CRD's `x-kubernetes-preserve-unknown-fields`
 * is dropped on the way in, a custom resource's spec and status on the way out, and so is
 * any field newer than the client. Its serializer passes data of unknown types through
 * untouched, so this API names every kind an unknown type. Slipway treats objects as plain
 * JSON throughout (timestamps stay strings, as in watch events).
 */
export class RawObjectApi extends KubernetesObjectApi {
  static forConfig(kc: KubeConfig): RawObjectApi {
    const api = kc.makeApiClient(RawObjectApi);
    api.setDefaultNamespace(kc);
    return api;
  }

  /** The REST path of a kind's collection in a namespace, found through API discovery. */
  async collectionPath(apiVersion: string, kind: string, namespace: string): Promise<string> {
    const resource = await this.resource(apiVersion, kind);
    if (!resource) throw new Error(`the cluster has no API for ${kind} (${apiVersion})`);
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    return resource.namespaced ? `${base}/namespaces/${namespace}/${resource.name}` : `${base}/${resource.name}`;
  }

  /** Whether the cluster serves a kind now (a CRD may add it at any time). */
  async serves(apiVersion: string, kind: string): Promise<boolean> {
    try {
      return (await this.resource(apiVersion, kind)) !== undefined;
    } catch {
      return false; // an API group that does not exist answers 404
    }
  }

  protected override async getSerializationType(): Promise<string> {
    return 'SlipwayRawJson';
  }
}

export const httpRouteApi = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute' } as const;

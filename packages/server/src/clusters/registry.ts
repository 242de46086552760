import { KubeConfig } from '@kubernetes/client-node';
import { SlipwayError } from '@slipway/core';
import type { Kysely } from 'kysely';
import { openText } from '../crypto/envelope.ts';
import type { KeyRing } from '../crypto/keyring.ts';
import type { Schema } from '../db/schema.ts';
import { type ClusterRecord, getClusterById } from '../db/stores/clusters.ts';
import { ObjectApplier } from '../kube/apply.ts';
import { reuseConnections } from '../kube/connection-reuse.ts';
import { WatchHub, type WatchHubOptions } from '../kube/watch-hub.ts';

/** The name the cluster of Slipway's own configuration goes by. */
export const defaultClusterName = 'default';

/** Everything Slipway uses to talk to one cluster, made once and shared. */
export interface ClusterConnection {
  /** Null for the cluster of Slipway's own configuration. */
  id: string | null;
  name: string;
  kube: KubeConfig;
  applier: ObjectApplier;
  hub: WatchHub;
}

export interface ClusterRegistryDeps {
  db: Kysely<Schema>;
  /** The cluster of Slipway's own configuration, if any: environments with no cluster use it. */
  defaultKube: KubeConfig | null;
  keyRing: KeyRing | null;
  onWatchError?: (error: unknown) => void;
  /** How watches time out and back off (defaults suit production; tests shorten them). */
  watch?: Omit<WatchHubOptions, 'onError'>;
}

/**
 * Connections to every cluster environments live on, opened on first use. Registered
 * clusters' kubeconfigs are unsealed only here, in memory, and never logged.
 */
export class ClusterRegistry {
  readonly #deps: ClusterRegistryDeps;
  readonly #open = new Map<string, Promise<ClusterConnection>>();

  constructor(deps: ClusterRegistryDeps) {
    this.#deps = deps;
  }

  get hasDefault(): boolean {
    return this.#deps.defaultKube !== null;
  }

  /** The connection to a cluster by id, or to the default one for null. */
  connect(clusterId: string | null): Promise<ClusterConnection> {
    const key = clusterId ?? '';
    let found = this.#open.get(key);
    if (!found) {
      found = this.#make(clusterId);
      this.#open.set(key, found);
      found.catch(() => this.#open.delete(key));
    }
    return found;
  }

  /** Drops a cached connection (after the cluster was removed or its credentials changed). */
  async forget(clusterId: string): Promise<void> {
    const found = this.#open.get(clusterId);
    this.#open.delete(clusterId);
    if (found) await (await found.catch(() => undefined))?.hub.close();
  }

  /** A kubeconfig from stored credentials, for checks before a cluster is stored or used. */
  unseal(record: Pick<ClusterRecord, 'id' | 'sealedCredentials'>): KubeConfig {
    if (!this.#deps.keyRing) throw noKeyRing();
    const kc = new KubeConfig();
    kc.loadFromString(openText(this.#deps.keyRing, record.sealedCredentials, credentialsAad(record.id)));
    reuseConnections(kc);
    return kc;
  }

  async close(): Promise<void> {
    const all = [...this.#open.values()];
    this.#open.clear();
    await Promise.all(all.map(async (c) => (await c.catch(() => undefined))?.hub.close()));
  }

  async #make(clusterId: string | null): Promise<ClusterConnection> {
    if (clusterId === null) {
      const kube = this.#deps.defaultKube;
      if (!kube) {
        throw new SlipwayError('not_configured', 'No Kubernetes cluster is configured, so nothing can be deployed', {
          hint: 'Set KUBECONFIG (or kubernetes.kubeconfig in the configuration file) and restart Slipway, or register a cluster: slipway cluster add.',
        });
      }
      return this.#connection(null, defaultClusterName, kube);
    }
    const record = await getClusterById(this.#deps.db, clusterId);
    return this.#connection(record.id, record.name, this.unseal(record));
  }

  #connection(id: string | null, name: string, kube: KubeConfig): ClusterConnection {
    const hub = new WatchHub(kube, {
      ...this.#deps.watch,
      ...(this.#deps.onWatchError ? { onError: this.#deps.onWatchError } : {}),
    });
    return { id, name, kube, applier: new ObjectApplier(kube), hub };
  }
}

/** Sealed credentials are bound to their row: copied onto another cluster, they do not open. */
export const credentialsAad = (clusterId: string) => `cluster/${clusterId}/credentials`;

function noKeyRing() {
  return new SlipwayError('not_configured', 'No key ring is loaded, so registered clusters cannot be used', {
    hint: 'Set SLIPWAY_SECRET_KEYS or secrets.keyFile in the configuration.',
  });
}

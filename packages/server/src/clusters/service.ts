import { randomUUID } from 'node:crypto';
import { KubeConfig } from '@kubernetes/client-node';
import { alreadyExists, checkStorableKubeconfig, invalidInput, SlipwayError } from '@slipway/core';
import type { Kysely } from 'kysely';
import { stringify } from 'yaml';
import { needsRewrap, rewrap, seal } from '../crypto/envelope.ts';
import type { KeyRing } from '../crypto/keyring.ts';
import type { Schema } from '../db/schema.ts';
import {
  type ClusterRecord,
  createCluster,
  deleteCluster,
  findClusterByName,
  listClusters,
  recordClusterHealth,
  resealCluster,
} from '../db/stores/clusters.ts';
import { checkCluster } from '../kube/cluster-check.ts';
import { reuseConnections } from '../kube/connection-reuse.ts';
import { type ClusterRegistry, credentialsAad, defaultClusterName } from './registry.ts';

/** How a cluster is registered: a kubeconfig, or a ServiceAccount token with the CA. */
export type ClusterCredentials =
  | { kubeconfig: string }
  | { server: string; token: string; caData?: string | undefined; insecureSkipTlsVerify?: boolean | undefined };

export interface ClusterHealth {
  status: string;
  version: string | null;
  message: string;
  checkedAt: Date | null;
}

/**
 * Registering clusters: credentials are checked by talking to the cluster before anything is
 * stored (an unreachable or refusing cluster is answered at once), then sealed with the key
 * ring. They are never returned, and opened only to connect.
 */
export class ClusterService {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly registry: ClusterRegistry,
    private readonly keyRing: KeyRing | null,
  ) {}

  async register(name: string, credentials: ClusterCredentials, actor: string): Promise<ClusterRecord> {
    if (name === defaultClusterName) {
      throw invalidInput(`The name ${defaultClusterName} stands for Slipway's own cluster`, [
        { path: '/name', message: 'reserved' },
      ]);
    }
    if (!this.keyRing)
      throw new SlipwayError('not_configured', 'No key ring is loaded, so credentials cannot be stored');
    if (await findClusterByName(this.db, name)) throw alreadyExists(`A cluster named ${name} is already registered`);
    const text = kubeconfigText(credentials);
    const { server } = checkStorableKubeconfig(text, 'kubeconfig' in credentials ? '/kubeconfig' : '/server');
    const kc = new KubeConfig();
    kc.loadFromString(text);
    reuseConnections(kc);
    const status = await checkCluster(kc).catch((error: SlipwayError) => {
      throw invalidInput(`Slipway could not use the cluster at ${server}`, [
        { path: 'kubeconfig' in credentials ? '/kubeconfig' : '/server', message: error.message },
      ]);
    });
    const id = randomUUID();
    return createCluster(this.db, {
      id,
      name,
      server,
      sealedCredentials: seal(this.keyRing, text, credentialsAad(id)),
      version: status.version,
      createdBy: actor,
    });
  }

  list(): Promise<ClusterRecord[]> {
    return listClusters(this.db);
  }

  /** Checks a cluster now and records what was found. */
  async check(name: string): Promise<ClusterHealth> {
    const record = await findClusterByName(this.db, name);
    if (!record) throw invalidInput(`There is no cluster named ${name}`, [{ path: '/name', message: 'unknown' }]);
    return this.checkRecord(record);
  }

  /** Checks every registered cluster (the controller does, each minute). */
  async checkAll(at = new Date()): Promise<void> {
    for (const record of await listClusters(this.db)) await this.checkRecord(record, at);
  }

  /** Asks the cluster for its version with its stored credentials; records the outcome either way. */
  async checkRecord(record: ClusterRecord, at = new Date()): Promise<ClusterHealth> {
    try {
      const { version } = await checkCluster(this.registry.unseal(record));
      await recordClusterHealth(this.db, record.id, { status: 'healthy', version, message: '', at });
      return { status: 'healthy', version, message: '', checkedAt: at };
    } catch (error) {
      const message = (error as Error).message;
      await recordClusterHealth(this.db, record.id, { status: 'unreachable', message, at });
      return { status: 'unreachable', version: record.version, message, checkedAt: at };
    }
  }

  async remove(name: string): Promise<void> {
    const record = await findClusterByName(this.db, name);
    await deleteCluster(this.db, name);
    if (record) await this.registry.forget(record.id);
  }

  /** After a key rotation: re-wraps every credential sealed with an older key. Returns how many. */
  async rewrapAll(): Promise<number> {
    if (!this.keyRing) return 0;
    let count = 0;
    for (const cluster of await listClusters(this.db)) {
      if (!needsRewrap(this.keyRing, cluster.sealedCredentials)) continue;
      await resealCluster(
        this.db,
        cluster.id,
        rewrap(this.keyRing, cluster.sealedCredentials, credentialsAad(cluster.id)),
      );
      count++;
    }
    return count;
  }
}

/** A token and CA make a kubeconfig of one context, the form every credential is stored in. */
function kubeconfigText(credentials: ClusterCredentials): string {
  if ('kubeconfig' in credentials) return credentials.kubeconfig;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'slipway',
    contexts: [{ name: 'slipway', context: { cluster: 'cluster', user: 'slipway' } }],
    clusters: [
      {
        name: 'cluster',
        cluster: {
          server: credentials.server,
          ...(credentials.caData ? { 'certificate-authority-data': credentials.caData } : {}),
          ...(credentials.insecureSkipTlsVerify ? { 'insecure-skip-tls-verify': true } : {}),
        },
      },
    ],
    users: [{ name: 'slipway', user: { token: credentials.token } }],
  });
}

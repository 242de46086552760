import { randomUUID } from 'node:crypto';
import { KubeConfig } from '@kubernetes/client-node';
import { alreadyExists, checkStorableKubeconfig, invalidInput, SlipwayError } from '@slipway/core';
import type { Kysely } from 'kysely';
import { stringify } from 'yaml';
import { needsRewrap, openText, rewrap, seal } from '../crypto/envelope.ts';
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
  setClusterPrometheus,
} from '../db/stores/clusters.ts';
import { checkCluster } from '../kube/cluster-check.ts';
import { reuseConnections } from '../kube/connection-reuse.ts';
import { PrometheusClient, type PrometheusSource } from '../metrics/prometheus.ts';
import { type ClusterRegistry, credentialsAad, defaultClusterName } from './registry.ts';

/** How a registered cluster's Prometheus is given: its settings, with a CA inline. */
export interface ClusterPrometheus {
  url: string;
  bearerToken?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  /** PEM of the CA(s) its certificate is checked against. */
  ca?: string | undefined;
  insecureSkipVerify?: boolean | undefined;
  timeoutMs?: number | undefined;
}

export const prometheusAad = (clusterId: string) => `cluster/${clusterId}/prometheus`;

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

  /**
   * Sets the Prometheus a registered cluster's metrics are read from, once it answered a query
   * with these settings (a wrong URL or credentials are refused before anything is stored).
   */
  async setPrometheus(name: string, settings: ClusterPrometheus): Promise<void> {
    const record = await this.#registered(name);
    if (!this.keyRing)
      throw new SlipwayError('not_configured', 'No key ring is loaded, so credentials cannot be stored');
    const client = new PrometheusClient(prometheusSourceOf(settings));
    try {
      await client.query('vector(1)');
    } catch (error) {
      throw invalidInput(`Slipway could not query the Prometheus at ${settings.url}`, [
        { path: '/url', message: (error as Error).message },
      ]);
    } finally {
      await client.close();
    }
    await setClusterPrometheus(
      this.db,
      record.id,
      seal(this.keyRing, JSON.stringify(settings), prometheusAad(record.id)),
    );
  }

  async removePrometheus(name: string): Promise<void> {
    const record = await this.#registered(name);
    await setClusterPrometheus(this.db, record.id, null);
  }

  /** The Prometheus of a registered cluster, unsealed in memory; null when none is set. */
  prometheusOf(record: Pick<ClusterRecord, 'id' | 'sealedPrometheus'>): PrometheusSource | null {
    if (!record.sealedPrometheus) return null;
    if (!this.keyRing) throw new SlipwayError('not_configured', 'No key ring is loaded, so credentials cannot be read');
    const settings = JSON.parse(openText(this.keyRing, record.sealedPrometheus, prometheusAad(record.id)));
    return prometheusSourceOf(settings as ClusterPrometheus);
  }

  async #registered(name: string): Promise<ClusterRecord> {
    const record = await findClusterByName(this.db, name);
    if (record) return record;
    const hint =
      name === defaultClusterName
        ? "Slipway's own cluster takes its Prometheus from the configuration (kubernetes.prometheus)"
        : undefined;
    throw new SlipwayError('not_found', `There is no registered cluster named ${name}`, hint ? { hint } : {});
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
      const prometheus = cluster.sealedPrometheus;
      if (prometheus && needsRewrap(this.keyRing, prometheus)) {
        await setClusterPrometheus(this.db, cluster.id, rewrap(this.keyRing, prometheus, prometheusAad(cluster.id)));
      }
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

function prometheusSourceOf(settings: ClusterPrometheus): PrometheusSource {
  const source: PrometheusSource = {
    url: settings.url,
    ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
  };
  if (settings.bearerToken) source.auth = { bearerToken: settings.bearerToken };
  else if (settings.username && settings.password)
    source.auth = { username: settings.username, password: settings.password };
  if (settings.ca || settings.insecureSkipVerify) {
    source.tls = {
      ...(settings.ca ? { ca: settings.ca } : {}),
      ...(settings.insecureSkipVerify ? { insecureSkipVerify: true } : {}),
    };
  }
  return source;
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

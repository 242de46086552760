import { after, before } from 'node:test';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '@slipway/core';
import type { ClusterRegistry } from '../../src/clusters/registry.ts';
import type { Database } from '../../src/db/database.ts';
import { createRelease, getRelease, listReleases, type ReleaseRecord } from '../../src/db/stores/releases.ts';
import { ensureService } from '../../src/db/stores/services.ts';
import { DeployEngine, type ReleaseEvent } from '../../src/engine/engine.ts';
import { storeEnvironment } from '../harness/environments.ts';
import { environment } from './fixtures.ts';

const quiet = { info() {}, warn() {}, error() {} };

export interface EngineSuiteOptions {
  /** The suite's database (from describeEachDatabase). */
  db: () => Database;
  namespace: () => string;
  /** How Slipway reaches the cluster: a kubeconfig, or clusters made on the suite's database. */
  kube?: () => KubeConfig;
  clusters?: (db: Database) => ClusterRegistry;
  progressDeadlineSeconds: number;
}

/**
 * A running deploy engine for one service in one environment of the suite's namespace, with
 * every event it emitted kept for assertions. Call inside a `describe`.
 */
export function useEngine(options: EngineSuiteOptions) {
  let engine: DeployEngine | undefined;
  let clusters: ClusterRegistry | undefined;
  let serviceId = '';
  let environmentId = '';
  const events: ReleaseEvent[] = [];

  before(async () => {
    const db = options.db();
    serviceId = (await ensureService(db.db, 'web')).id;
    environmentId = (await storeEnvironment(db.db, environment(options.namespace(), options.progressDeadlineSeconds)))
      .id;
    clusters = options.clusters?.(db);
    engine = new DeployEngine({
      db: db.db,
      ...(options.kube ? { kube: options.kube() } : {}),
      ...(clusters ? { clusters } : {}),
      log: quiet,
      tickMs: 500,
    });
    engine.events.on('release', (event) => events.push(event));
    engine.start();
  });
  after(async () => {
    await engine?.stop();
    await clusters?.close(); // the engine closes only the clusters it made
  });

  return {
    events,
    /** Stores a release of these objects, as a deploy would, and wakes the engine. */
    async deploy(objects: KubeObject[], reason: string): Promise<ReleaseRecord> {
      const release = await createRelease(options.db().db, {
        serviceId,
        environmentId,
        contentHash: `sha256:${reason}`,
        image: null,
        commitSha: null,
        createdBy: 'test',
        reason,
        workload: {},
        objects,
      });
      engine?.wake();
      return release;
    },
    release: (id: string) => getRelease(options.db().db, id),
    releases: () => listReleases(options.db().db, { environmentId }),
  };
}

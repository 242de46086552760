import {
  instanceLabel,
  isServiceWorkload,
  type KubeObject,
  type ServiceSelector,
  serviceSelector,
  workloadOfPod,
} from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { releaseView } from '../views/releases.ts';
import {
  buildLiveStatus,
  type LiveStatusJson,
  type ReleaseJson,
  selectServiceObjects,
  statusContent,
} from './live-status.ts';
import { type LiveScope, releaseScope } from './scope.ts';

/** Receives each new status, serialised once for every stream that sends it. */
export type FeedListener = (payload: string, status: LiveStatusJson) => void;

export interface FeedDeps {
  db: Kysely<Schema>;
  now: () => Date;
  onError: (error: unknown) => void;
}

// Pods first: #build reads the others as the workloads.
const kinds = [
  { apiVersion: 'v1', kind: 'Pod' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  { apiVersion: 'batch/v1', kind: 'CronJob' },
  { apiVersion: 'batch/v1', kind: 'Job' },
] as const;

type Subscription = ReturnType<LiveScope['cluster']['hub']['subscribe']>;

/**
 * The live status of one service in one environment, kept current for everyone watching it.
 * It follows the namespace through the cluster's shared watches (one per namespace and kind,
 * whoever asks) and the service's releases through in-process release changes. Bursts of
 * events (a rollout touches many pods at once) are coalesced into one build per tick, and a
 * status is passed on only when it says something new.
 */
export class LiveFeed {
  readonly #scope: LiveScope;
  readonly #deps: FeedDeps;
  readonly #listeners = new Set<FeedListener>();
  readonly #subscriptions: Subscription[];
  #release: { view: ReleaseJson | null; selector: ServiceSelector } | undefined;
  #workloads: KubeObject[] = [];
  #podNames = new Set<string>();
  #last: { content: string; payload: string; status: LiveStatusJson } | undefined;
  #scheduled = false;
  #refreshing: Promise<void> | undefined;
  #refreshAgain = false;
  #closed = false;

  constructor(scope: LiveScope, deps: FeedDeps) {
    this.#scope = scope;
    this.#deps = deps;
    this.#subscriptions = kinds.map((k) =>
      scope.cluster.hub.subscribe({ ...k, namespace: scope.namespace }, (changed) => this.#onObject(changed)),
    );
    this.refreshRelease();
  }

  /** Adds a listener; it hears the current status at once if there is one. */
  add(listener: FeedListener): void {
    this.#listeners.add(listener);
    const last = this.#last;
    if (last) queueMicrotask(() => this.#listeners.has(listener) && listener(last.payload, last.status));
  }

  /** Removes a listener; returns how many are left. */
  remove(listener: FeedListener): number {
    this.#listeners.delete(listener);
    return this.#listeners.size;
  }

  /** Reads the service's releases again (one read at a time; a change meanwhile reads once more). */
  refreshRelease(): void {
    if (this.#refreshing) {
      this.#refreshAgain = true;
      return;
    }
    this.#refreshing = this.#readRelease()
      .catch((error) => this.#deps.onError(error))
      .finally(() => {
        this.#refreshing = undefined;
        if (this.#refreshAgain && !this.#closed) {
          this.#refreshAgain = false;
          this.refreshRelease();
        }
      });
  }

  close(): void {
    this.#closed = true;
    this.#listeners.clear();
    for (const s of this.#subscriptions) s.unsubscribe();
  }

  async #readRelease(): Promise<void> {
    const { newest, selector } = await releaseScope(this.#deps.db, this.#scope).catch((error) => {
      // Without the database the watches still tell what runs: by the service's labels.
      this.#deps.onError(error);
      return { newest: undefined, selector: serviceSelector(this.#scope.service, this.#scope.environment) };
    });
    const view = newest ? await releaseView(this.#deps.db, newest) : null;
    if (this.#closed) return;
    this.#release = { view, selector };
    this.#schedule();
  }

  #onObject(changed: KubeObject | undefined): void {
    if (!changed || this.#concerns(changed)) this.#schedule();
  }

  /** Whether a changed object is, or was, one of this service's (others share the namespace). */
  #concerns(o: KubeObject): boolean {
    const selector = this.#release?.selector;
    if (!selector) return false; // the first build, after the release is read, sees everything
    if (o.kind !== 'Pod') return isServiceWorkload(o, selector);
    return (
      this.#podNames.has(o.metadata.name) ||
      o.metadata.labels?.[instanceLabel] === selector.instance ||
      workloadOfPod(o, this.#workloads) !== undefined
    );
  }

  #schedule(): void {
    if (this.#scheduled || this.#closed) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      try {
        this.#build();
      } catch (error) {
        this.#deps.onError(error);
      }
    });
  }

  #build(): void {
    const release = this.#release;
    if (this.#closed || !release || !this.#subscriptions.every((s) => s.isSynced())) return;
    const [pods, ...workloads] = this.#subscriptions.map((s) => [...s.objects.values()]);
    const selected = selectServiceObjects({ workloads: workloads.flat(), pods: pods ?? [] }, release.selector);
    this.#workloads = selected.workloads;
    this.#podNames = new Set(selected.pods.map((p) => p.pod.metadata.name));
    const status = buildLiveStatus(this.#scope, release.view, selected, this.#deps.now());
    const content = statusContent(status);
    if (this.#last?.content === content) return;
    const last = { content, payload: JSON.stringify(status), status };
    this.#last = last;
    for (const listener of this.#listeners) listener(last.payload, status);
  }
}

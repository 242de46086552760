import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '@slipway/core';
import { withTimeout } from '../util/with-timeout.ts';
import { RawObjectApi } from './raw-object-api.ts';
import { readCollection } from './read-collection.ts';
import { type WatchOptions, type WatchTarget, watchCollection, watchDefaults } from './watch.ts';

/**
 * Called with the object that changed, or with nothing when everything may have: after a
 * (re-)list, and when the watch loses the cluster (see `outage()`).
 */
type Listener = (changed?: KubeObject) => void;

/** The cluster stopped answering a watch: since when (the first failure), and the latest error. */
export interface WatchOutage {
  since: Date;
  error: unknown;
}

export interface WatchHubOptions extends Omit<WatchOptions, 'api'> {
  /** Told of the first failure of each outage (for logs). */
  onError?: (error: unknown) => void;
  now?: () => Date;
}

/** One watched collection: its live objects by name, and who wants to hear of changes. */
class Collection {
  readonly objects = new Map<string, KubeObject>();
  readonly listeners = new Set<Listener>();
  /** Whether `objects` is the state of a working watch: false until the first list, and during an outage. */
  synced = false;
  outage: WatchOutage | undefined;
  readonly #controller = new AbortController();
  readonly done: Promise<void>;

  constructor(kc: KubeConfig, target: WatchTarget, options: WatchHubOptions & { api: RawObjectApi }) {
    const now = options.now ?? (() => new Date());
    this.done = watchCollection(
      kc,
      target,
      {
        onSync: (objects) => {
          this.objects.clear();
          for (const o of objects) this.objects.set(o.metadata.name, o);
          this.synced = true;
          this.outage = undefined;
          this.#notify(undefined);
        },
        onEvent: (type, object) => {
          if (type === 'DELETED') this.objects.delete(object.metadata.name);
          else this.objects.set(object.metadata.name, object);
          this.#notify(object);
        },
        onError: (error) => {
          if (!this.outage) options.onError?.(error);
          this.outage = { since: this.outage?.since ?? now(), error };
          this.synced = false;
          this.#notify(undefined);
        },
      },
      this.#controller.signal,
      options,
    ).catch(options.onError ?? (() => {}));
  }

  stop(): Promise<void> {
    this.#controller.abort();
    return this.done;
  }

  #notify(changed: KubeObject | undefined) {
    for (const listener of this.listeners) listener(changed);
  }
}

/**
 * Shares watches: whoever needs to follow objects of a kind in a namespace subscribes here,
 * and one watch per (namespace, kind) serves them all, however many releases or browsers
 * are looking. A watch starts with its first subscriber and stops after its last leaves.
 * While the cluster cannot be watched, a subscription says so (`isSynced()` false, `outage()`
 * since when and why) and keeps the last state seen; when the watch is back, subscribers
 * hear of it with a full resync (a call with nothing).
 */
export class WatchHub {
  readonly #collections = new Map<string, Collection>();
  readonly #options: WatchHubOptions & { api: RawObjectApi };

  constructor(
    private readonly kc: KubeConfig,
    options: WatchHubOptions = {},
  ) {
    this.#options = { ...options, api: RawObjectApi.forConfig(kc) };
  }

  /** Subscribes to a collection; returns its live view and a function to unsubscribe. */
  subscribe(target: Omit<WatchTarget, 'labelSelector' | 'fieldSelector'>, listener: Listener) {
    const key = `${target.namespace}/${target.apiVersion}/${target.kind}`;
    let collection = this.#collections.get(key);
    if (!collection) {
      collection = new Collection(this.kc, target, this.#options);
      this.#collections.set(key, collection);
    }
    collection.listeners.add(listener);
    if (collection.synced) queueMicrotask(() => listener(undefined));
    const view = collection;
    return {
      objects: view.objects,
      isSynced: () => view.synced,
      /** Set while the watch cannot reach the cluster. */
      outage: () => view.outage,
      unsubscribe: () => {
        view.listeners.delete(listener);
        if (view.listeners.size === 0 && this.#collections.get(key) === view) {
          this.#collections.delete(key);
          void view.stop();
        }
      },
    };
  }

  /**
   * Reads a collection from the API server now, bypassing the watches: for when a watch is
   * not synced, or a verdict needs the state as it is rather than as last heard. Fails when
   * the server does not answer within the request timeout.
   */
  async read(
    target: Omit<WatchTarget, 'labelSelector' | 'fieldSelector'>,
    signal?: AbortSignal,
  ): Promise<KubeObject[]> {
    const timeoutMs = this.#options.requestTimeoutMs ?? watchDefaults.requestTimeoutMs;
    const path = await withTimeout(
      this.#options.api.collectionPath(target.apiVersion, target.kind, target.namespace),
      timeoutMs,
      `no answer to API discovery within ${timeoutMs / 1000} s`,
    );
    const list = await readCollection(this.kc, path, target, {}, { timeoutMs, ...(signal ? { signal } : {}) });
    return list.items;
  }

  /** How many watches are open: for metrics and tests. */
  get size(): number {
    return this.#collections.size;
  }

  /** How many subscriptions the open watches serve (several per watch when shared): for metrics and tests. */
  get subscriptions(): number {
    let count = 0;
    for (const collection of this.#collections.values()) count += collection.listeners.size;
    return count;
  }

  async close(): Promise<void> {
    const all = [...this.#collections.values()];
    this.#collections.clear();
    await Promise.all(all.map((c) => c.stop()));
  }
}

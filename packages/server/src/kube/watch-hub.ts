import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '@slipway/core';
import { type WatchTarget, watchCollection } from './watch.ts';

/** Called with the object that changed, or with nothing after a (re-)list: everything may have. */
type Listener = (changed?: KubeObject) => void;

/** One watched collection: its live objects by name, and who wants to hear of changes. */
class Collection {
  readonly objects = new Map<string, KubeObject>();
  readonly listeners = new Set<Listener>();
  synced = false;
  readonly #controller = new AbortController();
  readonly done: Promise<void>;

  constructor(kc: KubeConfig, target: WatchTarget, onError: (error: unknown) => void) {
    this.done = watchCollection(
      kc,
      target,
      {
        onSync: (objects) => {
          this.objects.clear();
          for (const o of objects) this.objects.set(o.metadata.name, o);
          this.synced = true;
          this.#notify(undefined);
        },
        onEvent: (type, object) => {
          if (type === 'DELETED') this.objects.delete(object.metadata.name);
          else this.objects.set(object.metadata.name, object);
          this.#notify(object);
        },
      },
      this.#controller.signal,
    ).catch(onError);
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
 */
export class WatchHub {
  readonly #collections = new Map<string, Collection>();

  constructor(
    private readonly kc: KubeConfig,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Subscribes to a collection; returns its live view and a function to unsubscribe. */
  subscribe(target: Omit<WatchTarget, 'labelSelector' | 'fieldSelector'>, listener: Listener) {
    const key = `${target.namespace}/${target.apiVersion}/${target.kind}`;
    let collection = this.#collections.get(key);
    if (!collection) {
      collection = new Collection(this.kc, target, this.onError);
      this.#collections.set(key, collection);
    }
    collection.listeners.add(listener);
    if (collection.synced) queueMicrotask(() => listener(undefined));
    const view = collection;
    return {
      objects: view.objects,
      isSynced: () => view.synced,
      unsubscribe: () => {
        view.listeners.delete(listener);
        if (view.listeners.size === 0 && this.#collections.get(key) === view) {
          this.#collections.delete(key);
          void view.stop();
        }
      },
    };
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

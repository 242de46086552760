import type { Database } from './database.ts';
import type { TableWatch } from './table-writes.ts';

/**
 * Values read from the database, remembered until the tables they were read from change (see
 * `watchChanges`). Every invalidation bumps a generation: a read begun before one is not stored
 * after it, so a value read while a write was under way is never kept. `ttlMs` bounds how long
 * an entry may live regardless; 0 turns the cache off. Entries go first in, first out once
 * there are `maxEntries`, or once their summed `weigh` passes `maxWeight`.
 */
export class ChangeCache<V> {
  readonly #entries = new Map<string, { value: V; storedAt: number; weight: number }>();
  readonly #options: ChangeCacheOptions<V>;
  #generation = 0;
  #weight = 0;

  constructor(options: ChangeCacheOptions<V>) {
    this.#options = options;
  }

  /** The value from memory, or read with `load` and remembered. */
  async get(key: string, now: number, load: () => Promise<V>): Promise<V> {
    const { ttlMs, keep } = this.#options;
    const hit = this.#entries.get(key);
    if (hit && now - hit.storedAt < ttlMs) return hit.value;
    const generation = this.#generation;
    const value = await load();
    if (ttlMs > 0 && generation === this.#generation && (keep?.(value) ?? true)) this.#store(key, value, now);
    return value;
  }

  invalidate(): void {
    this.#generation++;
    this.#entries.clear();
    this.#weight = 0;
  }

  #store(key: string, value: V, now: number): void {
    const weight = this.#options.weigh?.(value) ?? 1;
    const maxWeight = this.#options.maxWeight ?? Number.POSITIVE_INFINITY;
    if (weight > maxWeight) return;
    this.#drop(key);
    while (this.#entries.size >= this.#options.maxEntries || this.#weight + weight > maxWeight) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#drop(oldest.value);
    }
    this.#entries.set(key, { value, storedAt: now, weight });
    this.#weight += weight;
  }

  #drop(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#weight -= entry.weight;
  }
}

export interface ChangeCacheOptions<V> {
  ttlMs: number;
  maxEntries: number;
  /** Whether a value read is worth remembering (a failed lookup may not be). */
  keep?: (value: V) => boolean;
  /** The share of `maxWeight` a value takes (its size); 1 when left out. */
  weigh?: (value: V) => number;
  maxWeight?: number;
}

/**
 * Calls `onChange` whenever one of the watched tables changes: at once for this process's own
 * statements (db/table-writes.ts), and for other replicas' when PostgreSQL delivers the NOTIFY
 * that tables' triggers send on `channel` as their transaction commits (and after the LISTEN
 * connection came back, since messages may have been lost meanwhile). Answers the function
 * that stops watching.
 */
export async function watchChanges(
  database: Database,
  watch: Omit<TableWatch, 'onWrite'> & { channel: string },
  onChange: () => void,
): Promise<() => Promise<void>> {
  const { channel, ...tables } = watch;
  const unwatch = database.writes.watch({ ...tables, onWrite: onChange });
  const unsubscribe = database.pubsub ? await database.pubsub.subscribe(channel, onChange, onChange) : null;
  return async () => {
    unwatch();
    await unsubscribe?.();
  };
}

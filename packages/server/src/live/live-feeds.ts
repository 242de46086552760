import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { ReleaseChanges } from '../engine/release-changes.ts';
import { type FeedListener, LiveFeed } from './live-feed.ts';
import type { LiveScope } from './scope.ts';

export interface LiveFeedsDeps {
  db: Kysely<Schema>;
  changes: ReleaseChanges;
  now?: () => Date;
  onError?: (error: unknown) => void;
}

const pairKey = (serviceId: string, environmentId: string) => `${serviceId}/${environmentId}`;

/**
 * Every live feed of this process, one per service and environment however many streams
 * watch it: the status is built and serialised once per change, not once per browser. A feed
 * starts with its first listener and stops after its last. Release changes reach the feed of
 * their pair through a single listener.
 */
export class LiveFeeds {
  readonly #deps: Required<LiveFeedsDeps>;
  readonly #feeds = new Map<string, LiveFeed>();
  readonly #unlisten: Array<() => void>;

  constructor(deps: LiveFeedsDeps) {
    this.#deps = { now: () => new Date(), onError: () => {}, ...deps };
    this.#unlisten = [
      deps.changes.onReleaseChanged((change) =>
        this.#feeds.get(pairKey(change.serviceId, change.environmentId))?.refreshRelease(),
      ),
      // Changes from other replicas may have been missed: every feed reads its release again.
      deps.changes.onResync(() => {
        for (const feed of this.#feeds.values()) feed.refreshRelease();
      }),
    ];
  }

  /** Follows a service's live status; returns the function that stops following it. */
  subscribe(scope: LiveScope, listener: FeedListener): () => void {
    const key = pairKey(scope.serviceId, scope.environmentId);
    let feed = this.#feeds.get(key);
    if (!feed) {
      feed = new LiveFeed(scope, { db: this.#deps.db, now: this.#deps.now, onError: this.#deps.onError });
      this.#feeds.set(key, feed);
    }
    feed.add(listener);
    const own = feed;
    return () => {
      if (own.remove(listener) === 0 && this.#feeds.get(key) === own) {
        this.#feeds.delete(key);
        own.close();
      }
    };
  }

  /** How many feeds are open: for metrics and tests. */
  get size(): number {
    return this.#feeds.size;
  }

  close(): void {
    for (const stop of this.#unlisten) stop();
    for (const feed of this.#feeds.values()) feed.close();
    this.#feeds.clear();
  }
}

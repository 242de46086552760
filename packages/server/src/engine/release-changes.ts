import { randomUUID } from 'node:crypto';
import type { PubSub } from '../db/pubsub.ts';
import type { ReleaseRecord } from '../db/stores/releases.ts';

/** A release row that was just written: created, or its status, message or health moved. */
export interface ReleaseChange {
  releaseId: string;
  serviceId: string;
  environmentId: string;
}

export type ReleaseChangeListener = (change: ReleaseChange) => void;

const channel = 'slipway_release_changes';

/**
 * Tells the live views that a release row changed, right after the write, so they read it
 * again instead of polling the database. Whoever writes a release (the engine as a rollout
 * progresses, deploys, approvals, rollbacks) calls `notify` once the row is stored. Attached to
 * PostgreSQL's pub/sub, the other replicas hear it too: a view on replica B follows a release
 * replica A drives. After the channel was down, `onResync` listeners read everything again.
 */
export class ReleaseChanges {
  readonly #listeners = new Set<ReleaseChangeListener>();
  readonly #resync = new Set<() => void>();
  readonly #origin = randomUUID();
  #pubsub: PubSub | null = null;
  #unsubscribe: (() => Promise<void>) | undefined;

  /** Shares changes with the other replicas from now on. */
  async attach(pubsub: PubSub): Promise<void> {
    this.#pubsub = pubsub;
    this.#unsubscribe = await pubsub.subscribe(
      channel,
      (payload) => this.#fromReplica(payload),
      () => {
        for (const listener of this.#resync) listener();
      },
    );
  }

  async detach(): Promise<void> {
    this.#pubsub = null;
    await this.#unsubscribe?.();
  }

  /** Listens for the times changes may have been missed (the channel was down); returns the function that stops. */
  onResync(listener: () => void): () => void {
    this.#resync.add(listener);
    return () => this.#resync.delete(listener);
  }

  /** Listens to every change; returns the function that stops listening. */
  onReleaseChanged(listener: ReleaseChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  notify(release: Pick<ReleaseRecord, 'id' | 'serviceId' | 'environmentId'>): void {
    const change = { releaseId: release.id, serviceId: release.serviceId, environmentId: release.environmentId };
    this.#deliver(change);
    // Best effort: a replica that misses it still follows the cluster, and resyncs on reconnect.
    this.#pubsub?.publish(channel, JSON.stringify({ origin: this.#origin, ...change })).catch(() => {});
  }

  #fromReplica(payload: string): void {
    try {
      const { origin, releaseId, serviceId, environmentId } = JSON.parse(payload) as ReleaseChange & { origin: string };
      if (origin !== this.#origin) this.#deliver({ releaseId, serviceId, environmentId });
    } catch {} // not ours to fail on: another version's message
  }

  #deliver(change: ReleaseChange): void {
    for (const listener of this.#listeners) {
      // A listener's failure is its own: it must not stop the writer or the other listeners.
      try {
        listener(change);
      } catch {}
    }
  }

  /** How many listen: for tests and metrics. */
  get listeners(): number {
    return this.#listeners.size;
  }
}

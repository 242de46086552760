import type { ReleaseRecord } from '../db/stores/releases.ts';

/** A release row that was just written: created, or its status, message or health moved. */
export interface ReleaseChange {
  releaseId: string;
  serviceId: string;
  environmentId: string;
}

export type ReleaseChangeListener = (change: ReleaseChange) => void;

/**
 * Tells this process's live views that a release row changed, right after the write, so they
 * read it again instead of polling the database. Whoever writes a release (the engine as a
 * rollout progresses, deploys, approvals, rollbacks) calls `notify` once the row is stored.
 * Replicas only hear their own writes; a live view on another replica still follows the
 * cluster through its watches and catches up on its next release change.
 */
export class ReleaseChanges {
  readonly #listeners = new Set<ReleaseChangeListener>();

  /** Listens to every change; returns the function that stops listening. */
  onReleaseChanged(listener: ReleaseChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  notify(release: Pick<ReleaseRecord, 'id' | 'serviceId' | 'environmentId'>): void {
    const change = { releaseId: release.id, serviceId: release.serviceId, environmentId: release.environmentId };
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

import type { Verification } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { writeVerifications } from '../db/stores/releases.ts';

type Pending = { verification: Verification; message: string; done: (moved: boolean) => void };

/** How long samples wait for others to share their write: releases sampled together write together. */
const gatherMs = 25;

/**
 * Stores the samples of verifying releases, many releases to a statement. Releases verified
 * together sample at the same moments, so without this every interval would bring one UPDATE
 * per release at once — on PGlite, in the server's own process, most of what verification
 * costs (bench/verify). Each write still only lands while its release is `verifying`.
 */
export class SampleWrites {
  readonly #db: Kysely<Schema>;
  #pending = new Map<string, Pending>();
  #timer: NodeJS.Timeout | undefined;

  constructor(db: Kysely<Schema>) {
    this.#db = db;
  }

  /** Resolves whether the release was still verifying (false: it moved on, nothing written). */
  write(releaseId: string, verification: Verification, message: string): Promise<boolean> {
    return new Promise((resolve) => {
      // A newer write of the same release replaces one not yet sent (it holds every sample).
      this.#pending.get(releaseId)?.done(true);
      this.#pending.set(releaseId, { verification, message, done: resolve });
      this.#timer ??= setTimeout(() => void this.#flush(), gatherMs);
    });
  }

  async #flush(): Promise<void> {
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = new Map();
    try {
      const moved = await writeVerifications(
        this.#db,
        [...batch].map(([id, p]) => ({ id, verification: p.verification, message: p.message })),
      );
      for (const [id, p] of batch) p.done(moved.has(id));
    } catch {
      // The database did not take them: the samples are not stored, the verifications go on.
      for (const p of batch.values()) p.done(true);
    }
  }
}

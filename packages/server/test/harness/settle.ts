import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { Schema } from '../../src/db/schema.ts';
import { finishedStatuses, getRelease, type ReleaseRecord } from '../../src/db/stores/releases.ts';

/** A release as the API returns it, read loosely: tests assert on its fields. */
// biome-ignore lint/suspicious/noExplicitAny: JSON from the API under test
type ReleaseJson = any;

/** Polls GET /releases/{id} through `get` until the release has finished; returns it. */
export async function settleRelease(
  get: (url: string) => Promise<LightMyRequestResponse>,
  id: string,
  ms = 90_000,
): Promise<ReleaseJson> {
  const deadline = Date.now() + ms;
  for (;;) {
    const release = (await get(`/releases/${id}`)).json().release;
    if (finishedStatuses.includes(release.status)) return release;
    if (Date.now() > deadline) throw new Error(`release still ${release.status}: ${release.message}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Polls the stored release until it has finished, for tests that drive Slipway's services
 * directly rather than through the HTTP API; returns it.
 */
export async function settleStoredRelease(db: Kysely<Schema>, id: string, ms = 90_000): Promise<ReleaseRecord> {
  const deadline = Date.now() + ms;
  for (;;) {
    const release = await getRelease(db, id);
    if (finishedStatuses.includes(release.status)) return release;
    if (Date.now() > deadline) throw new Error(`release still ${release.status}: ${release.message}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

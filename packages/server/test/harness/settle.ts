import type { LightMyRequestResponse } from 'fastify';
import { finishedStatuses } from '../../src/db/stores/releases.ts';

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

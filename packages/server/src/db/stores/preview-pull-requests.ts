import { actionsBefore, type PullRequestEvent, type PullRequestMemory, previewEventVerdict } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

/**
 * Per pull request, the newest state a preview was changed for (`updated_at`, closed or not).
 * An event claims the pull request before it acts: in one transaction, the row is locked (or
 * made), core's `previewEventVerdict` judges the event against it, and the row moves to the
 * event's state only if it may act. Two deliveries racing for one pull request are thus
 * ordered by the row lock, and the older one is refused whichever arrives first.
 */
export type Claim = { claimed: true; previous: PullRequestMemory | undefined } | { claimed: false; reason: string };

interface Key {
  repository: string;
  number: number;
}

const keyOf = (event: Key) => ({ repository: event.repository.toLowerCase(), number: event.number });

export async function claimPullRequest(db: Kysely<Schema>, event: PullRequestEvent, closing: boolean): Promise<Claim> {
  const key = keyOf(event);
  const next = { updated_at: new Date(event.updatedAt), closed: closing, action: event.action };
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('preview_pull_requests')
      .select(['updated_at', 'closed', 'action'])
      .where('repository', '=', key.repository)
      .where('number', '=', key.number)
      .forUpdate()
      .executeTakeFirst();
    const previous = row ? { updatedAt: row.updated_at, closed: row.closed, action: row.action } : undefined;
    const verdict = previewEventVerdict(event, previous);
    if (!verdict.act) return { claimed: false, reason: verdict.reason };
    // Two first events of a pull request find no row to lock: the second insert waits for the
    // first to commit, then updates only if it is newer, else writes nothing and is refused.
    const written = await tx
      .insertInto('preview_pull_requests')
      .values({ ...key, ...next })
      .onConflict((oc) =>
        oc
          .columns(['repository', 'number'])
          .doUpdateSet({ ...next, acted_at: new Date() })
          .where((eb) => {
            const newer = eb('preview_pull_requests.updated_at', '<', next.updated_at);
            const before = actionsBefore(event.action);
            if (before.length === 0) return newer;
            // An event that follows the remembered one within the same second (core's previewEventVerdict).
            const sameSecondAfter = eb.and([
              eb('preview_pull_requests.updated_at', '=', next.updated_at),
              eb('preview_pull_requests.action', 'in', before),
            ]);
            return eb.or([newer, sameSecondAfter]);
          }),
      )
      .returning('number')
      .executeTakeFirst();
    if (!written) return { claimed: false, reason: 'A newer event of this pull request was acted on at the same time' };
    return { claimed: true, previous };
  });
}

/**
 * Gives a claim back when acting on the event failed, so a redelivery of it may try again;
 * only if no newer event claimed the pull request since.
 */
export async function releasePullRequest(
  db: Kysely<Schema>,
  event: PullRequestEvent,
  previous: PullRequestMemory | undefined,
): Promise<void> {
  const key = keyOf(event);
  // Only while the row still holds this event's state: a newer event that came since stays.
  if (previous) {
    await db
      .updateTable('preview_pull_requests')
      .set({ updated_at: previous.updatedAt, closed: previous.closed, action: previous.action })
      .where('repository', '=', key.repository)
      .where('number', '=', key.number)
      .where('updated_at', '=', new Date(event.updatedAt))
      .execute();
  } else {
    await db
      .deleteFrom('preview_pull_requests')
      .where('repository', '=', key.repository)
      .where('number', '=', key.number)
      .where('updated_at', '=', new Date(event.updatedAt))
      .execute();
  }
}

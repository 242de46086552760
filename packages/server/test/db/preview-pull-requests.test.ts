/**
 * The memory of pull requests behind preview webhooks, on both databases: an event claims its
 * pull request only when newer than what was acted on, racing claims are ordered by the row
 * lock, and a failed action gives its claim back.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { PullRequestEvent } from '@slipway/core';
import { claimPullRequest, releasePullRequest } from '../../src/db/stores/preview-pull-requests.ts';
import { describeEachDatabase } from '../harness/databases.ts';

const event = (action: string, updatedAt: string, number = 1): PullRequestEvent => ({
  action,
  number,
  repository: 'Acme/Shop',
  headSha: 'a'.repeat(40),
  headRef: 'feature',
  baseRef: 'main',
  title: 'A change',
  author: 'carol',
  htmlUrl: `https://github.com/acme/shop/pull/${number}`,
  state: action === 'closed' ? 'closed' : 'open',
  updatedAt,
});

describeEachDatabase('pull request memory', (getDb) => {
  it('claims newer events only, and remembers a close until a reopen', async () => {
    const db = getDb().db;
    assert.equal((await claimPullRequest(db, event('opened', '2026-03-02T09:00:00Z'), false)).claimed, true);
    assert.equal((await claimPullRequest(db, event('synchronize', '2026-03-03T09:00:00Z'), false)).claimed, true);
    assert.equal((await claimPullRequest(db, event('closed', '2026-03-04T09:00:00Z'), true)).claimed, true);
    // Replays, under the repository's other spelling too: GitHub's names are case-insensitive.
    const replay = await claimPullRequest(
      db,
      { ...event('opened', '2026-03-02T09:00:00Z'), repository: 'acme/shop' },
      false,
    );
    assert.equal(replay.claimed, false);
    const late = await claimPullRequest(db, event('synchronize', '2026-03-05T09:00:00Z'), false);
    assert.deepEqual(late, {
      claimed: false,
      reason: 'Acme/Shop#1 was closed; only a reopened event brings its preview back',
    });
    assert.equal((await claimPullRequest(db, event('reopened', '2026-03-05T10:00:00Z'), false)).claimed, true);
  });

  it('acts on events that follow each other within one second, once each', async () => {
    const db = getDb().db;
    const second = '2026-03-03T09:00:00Z';
    assert.equal((await claimPullRequest(db, event('opened', second, 4), false)).claimed, true);
    assert.equal((await claimPullRequest(db, event('synchronize', second, 4), false)).claimed, true);
    assert.equal((await claimPullRequest(db, event('synchronize', second, 4), false)).claimed, false, 'a replay');
    assert.equal((await claimPullRequest(db, event('opened', second, 4), false)).claimed, false, 'an older replay');
    assert.equal((await claimPullRequest(db, event('closed', second, 4), true)).claimed, true);
    assert.equal((await claimPullRequest(db, event('closed', second, 4), true)).claimed, false, 'a replay');
  });

  it('orders racing claims by the pull request’s time: the older never wins', async () => {
    const db = getDb().db;
    const newer = event('synchronize', '2026-03-03T09:00:00Z', 2);
    const older = event('opened', '2026-03-02T09:00:00Z', 2);
    const [, b] = await Promise.all([claimPullRequest(db, older, false), claimPullRequest(db, newer, false)]);
    assert.equal(b.claimed, true, 'the newer event always acts');
    // Whichever came first, what is remembered is the newer state.
    const row = await db
      .selectFrom('preview_pull_requests')
      .selectAll()
      .where('number', '=', 2)
      .executeTakeFirstOrThrow();
    assert.equal(row.updated_at.toISOString(), '2026-03-03T09:00:00.000Z');
  });

  it('gives a claim back when acting failed, so a redelivery may try again', async () => {
    const db = getDb().db;
    const first = event('opened', '2026-03-02T09:00:00Z', 3);
    const claim = await claimPullRequest(db, first, false);
    assert.ok(claim.claimed);
    await releasePullRequest(db, first, claim.previous);
    assert.equal((await claimPullRequest(db, first, false)).claimed, true, 'forgotten: the same event acts again');
    const next = event('synchronize', '2026-03-03T09:00:00Z', 3);
    const second = await claimPullRequest(db, next, false);
    assert.ok(second.claimed);
    await releasePullRequest(db, next, second.previous);
    assert.equal((await claimPullRequest(db, first, false)).claimed, false, 'back to the first event, acted on');
    assert.equal((await claimPullRequest(db, next, false)).claimed, true);
  });
});

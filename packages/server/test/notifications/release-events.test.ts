/**
 * Which notification a release's move writes: the pure half of the engine's outbox writes
 * (the transaction and the lock are exercised by test/environments/preview.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PreviewEnvironment } from '../../src/db/stores/environments.ts';
import type { ReleaseRecord } from '../../src/db/stores/releases.ts';
import { previewReadyNotification, releaseNotification } from '../../src/notifications/release-events.ts';

const at = new Date('2026-03-02T09:00:00Z');
const release = { id: 'r-1', serviceId: 's-1', environmentId: 'e-1', number: 4, rollbackOf: null } as ReleaseRecord;
const preview: PreviewEnvironment = {
  name: 'pr-7',
  origin: {
    kind: 'preview',
    source: 'shop',
    repository: 'acme/shop',
    number: 7,
    headSha: 'a'.repeat(40),
    url: 'https://github.com/acme/shop/pull/7',
    base: 'dev',
  },
};
const names = { service: 'web', environment: 'pr-7' };
const titleOf = (n: { title: unknown } | null) =>
  typeof n?.title === 'function' ? (n.title as (x: typeof names) => string)(names) : n?.title;

describe('preview.ready', () => {
  it('is written once the newest release of every service is healthy', () => {
    const ready = previewReadyNotification(release, preview, ['healthy', 'healthy', 'healthy'], at);
    assert.equal(ready?.kind, 'preview.ready');
    assert.equal(ready?.environmentId, 'e-1');
    assert.equal(ready?.serviceId, undefined, 'about the whole environment, not one service');
    assert.equal(ready?.link, '/environments/pr-7');
    assert.deepEqual(ready?.data, {
      pullRequest: { repository: 'acme/shop', number: 7, url: 'https://github.com/acme/shop/pull/7' },
      services: 3,
      releaseId: 'r-1',
    });
    assert.equal(titleOf(ready), 'Preview pr-7 of acme/shop#7 is ready: 3 services healthy');
    assert.equal(
      titleOf(previewReadyNotification(release, preview, ['healthy'], at)),
      'Preview pr-7 of acme/shop#7 is ready: 1 service healthy',
    );
  });

  it('is not written while a service is still rolling out, failed or waits for approval', () => {
    for (const other of ['progressing', 'verifying', 'failed', 'degraded', 'pending_approval'] as const)
      assert.equal(previewReadyNotification(release, preview, ['healthy', other], at), null, other);
    assert.equal(previewReadyNotification(release, preview, [], at), null);
  });
});

describe('a release move', () => {
  it('to healthy says so; a failure found by the checks is verification.failed', () => {
    assert.equal(
      releaseNotification(release, { from: ['progressing'], to: 'healthy', message: '' }, at)?.kind,
      'release.healthy',
    );
    const checks = releaseNotification(release, { from: ['verifying'], to: 'failed', message: 'error ratio 0.2' }, at);
    assert.equal(checks?.kind, 'verification.failed');
    assert.equal(titleOf(checks), 'web #4 failed its checks in pr-7: error ratio 0.2');
    assert.equal(
      releaseNotification(release, { from: ['progressing'], to: 'degraded', message: 'crash loop' }, at)?.kind,
      'release.failed',
    );
    assert.equal(releaseNotification(release, { from: ['queued'], to: 'applying', message: '' }, at), null);
  });
});

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { testKubeConfig } from '../harness/cluster.ts';
import { useEnvironmentApp } from '../harness/environment-app.ts';
import { webScore } from './workload.ts';

const sha1 = 'a'.repeat(40);
const sha2 = 'b'.repeat(40);

/** When each event below happened to the pull request (GitHub's `updated_at`). */
const openedAt = '2026-03-02T09:12:44Z';
const pushedAt = '2026-03-03T10:00:00Z';
const labeledAt = '2026-03-03T11:00:00Z';
const closedAt = '2026-03-04T16:01:10Z';
const reopenedAt = '2026-03-05T08:30:00Z';

/**
 * A pull_request event as GitHub sends it: the shape of GitHub's documented payload (trimmed
 * of URLs and counters), with the state and times matching the action.
 */
const pullRequest = (action: string, sha: string, updatedAt: string, extra: Record<string, unknown> = {}) => {
  const repository = { id: 1296269, name: 'shop', full_name: 'acme/shop', private: true, default_branch: 'main' };
  const isClosed = action === 'closed';
  return {
    action,
    number: 7,
    pull_request: {
      url: 'https://api.github.com/repos/acme/shop/pulls/7',
      id: 1934717384,
      number: 7,
      title: 'Faster checkout',
      html_url: 'https://github.com/acme/shop/pull/7',
      state: isClosed ? 'closed' : 'open',
      locked: false,
      user: { login: 'carol', id: 583231, type: 'User' },
      created_at: openedAt,
      updated_at: updatedAt,
      closed_at: isClosed ? updatedAt : null,
      merged_at: null,
      merged: false,
      draft: false,
      head: { label: 'acme:feature/checkout', sha, ref: 'feature/checkout', repo: repository },
      base: { label: 'acme:main', sha: 'c'.repeat(40), ref: 'main', repo: repository },
    },
    repository,
    sender: { login: 'carol', id: 583231, type: 'User' },
    ...extra,
  };
};

describe('preview environments from signed pull_request webhooks', () => {
  const t = useEnvironmentApp();
  const namespace = () => `${t.prefix}-pr-7`;
  const previewImage = async () => {
    const web = await testKubeConfig()
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: 'web', namespace: namespace() });
    return web.spec?.template.spec?.containers[0]?.image;
  };

  before(async () => {
    assert.equal((await t.api('POST', '/environments', { name: 'dev', type: 'development' })).statusCode, 201);
    for (const name of ['web', 'api']) {
      const res = await t.api('POST', '/deploys', { environment: 'dev', workload: webScore(name, 'nginx:1.27') });
      assert.equal((await t.settle(res.json().release.id)).status, 'healthy');
    }
    const source = await t.api('PUT', '/preview-sources/shop', {
      repository: 'acme/shop',
      baseEnvironment: 'dev',
      images: { web: 'registry.example.com/shop/web:{short_sha}' },
    });
    assert.equal(source.statusCode, 200, source.body);
    const me = (await t.api('GET', '/whoami')).json().user.id;
    const inbox = await t.api('POST', '/notifications/subscriptions', {
      name: 'my previews',
      channel: 'inbox',
      userId: me,
      events: ['preview.ready'],
    });
    assert.equal(inbox.statusCode, 201, inbox.body);
  });

  /** The preview.ready items of the admin's inbox, oldest first. */
  const readyNotices = async () =>
    (
      (await t.api('GET', '/inbox')).json().items as Array<{
        kind: string;
        title: string;
        environment: string;
        link: string;
      }>
    )
      .filter((i) => i.kind === 'preview.ready')
      .reverse();

  it('refuses a tampered or missing signature: 401, nothing made', async () => {
    const tampered = await t.webhook('pull_request', pullRequest('opened', sha1, openedAt), {
      signature: `sha256=${'0'.repeat(64)}`,
    });
    assert.equal(tampered.statusCode, 401, tampered.body);
    assert.equal(tampered.json().error.code, 'unauthenticated');
    const unsigned = await t.webhook('pull_request', pullRequest('opened', sha1, openedAt), { signature: null });
    assert.equal(unsigned.statusCode, 401);
    assert.equal((await t.api('GET', '/environments/pr-7')).statusCode, 404);
    const refusals = t.logs.map((l) => JSON.parse(l)).filter((l) => /bad or missing signature/.test(l.msg));
    assert.deepEqual(
      refusals.map((l) => l.signed),
      [true, false],
    );
    assert.ok(
      refusals.every((l) => l.delivery && l.ip),
      'logged with the delivery id and the address',
    );
  });

  it('opened: clones dev as pr-7 with the commit image, and reports to the commit', async () => {
    const res = await t.webhook('pull_request', pullRequest('opened', sha1, openedAt), { delivery: 'delivery-1' });
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.json().result, 'created');
    assert.equal(res.json().environment, 'pr-7');
    const env = (await t.api('GET', '/environments/pr-7')).json().environment;
    assert.equal(env.type, 'preview');
    assert.equal(env.origin.number, 7);
    assert.ok(env.expiresAt, 'a preview has the TTL of its type');
    for (const id of res.json().releases) assert.equal((await t.settle(id)).status, 'healthy');
    assert.equal(await previewImage(), 'registry.example.com/shop/web:aaaaaaa');

    const statuses = await t.eventually('the success status', async () => {
      const seen = t.recorded.filter((r) => r.url === `/repos/acme/shop/statuses/${sha1}`);
      return seen.some((r) => r.body.state === 'success') && seen;
    });
    assert.deepEqual(
      statuses.map((r) => r.body.state),
      ['pending', 'success'],
    );
    assert.equal(statuses[0]?.authorization, 'Bearer ghp_test_token');
    assert.equal(statuses[0]?.body.context, 'slipway/preview');

    // Once, when the last of its two services became healthy.
    const [ready, ...more] = await t.eventually('preview.ready in the inbox', async () => {
      const notices = await readyNotices();
      return notices.length > 0 && notices;
    });
    assert.deepEqual(more, []);
    assert.equal(ready?.environment, 'pr-7');
    assert.equal(ready?.title, 'Preview pr-7 of acme/shop#7 is ready: 2 services healthy');
    assert.equal(ready?.link, '/environments/pr-7');

    const again = await t.webhook('pull_request', pullRequest('opened', sha1, openedAt), { delivery: 'delivery-1' });
    assert.equal(again.json().result, 'duplicate', 'a redelivery is not acted on twice');
  });

  it('synchronize: a new commit redeploys the services built from it, and only those', async () => {
    const before = (await t.api('GET', '/releases?environment=pr-7')).json().items.length;
    const res = await t.webhook('pull_request', pullRequest('synchronize', sha2, pushedAt));
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.json().result, 'updated');
    assert.equal(res.json().releases.length, 1, 'only web is built from the pull request');
    const release = await t.settle(res.json().releases[0]);
    assert.equal(release.status, 'healthy');
    assert.equal(release.commit, sha2);
    assert.equal(await previewImage(), 'registry.example.com/shop/web:bbbbbbb');
    assert.equal((await t.api('GET', '/releases?environment=pr-7')).json().items.length, before + 1);
    await t.eventually('a second preview.ready, for the new commit', async () => (await readyNotices()).length === 2);
  });

  it('ignores what it does not act on', async () => {
    const labeled = await t.webhook('pull_request', pullRequest('labeled', sha2, labeledAt));
    assert.equal(labeled.json().result, 'ignored');
    const push = await t.webhook('push', { ref: 'refs/heads/main' });
    assert.equal(push.statusCode, 202);
    assert.equal(push.json().result, 'ignored');
    const ping = await t.webhook('ping', { zen: 'Keep it logically awesome.' });
    assert.equal(ping.statusCode, 200);
    const other = await t.webhook(
      'pull_request',
      pullRequest('opened', sha1, openedAt, { repository: { full_name: 'acme/other' } }),
    );
    assert.equal(other.json().result, 'ignored');
    const broken = await t.webhook('pull_request', { action: 'opened', number: 'seven' });
    assert.equal(broken.statusCode, 400);
    assert.ok(broken.json().error.fields.some((f: { path: string }) => f.path === '/number'));
  });

  it('closed: the preview and everything in it is removed', async () => {
    const res = await t.webhook('pull_request', pullRequest('closed', sha2, closedAt));
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.json().result, 'deleted');
    await t.eventually('pr-7 to be gone', async () => (await t.api('GET', '/environments/pr-7')).statusCode === 404);
    const core = testKubeConfig().makeApiClient(CoreV1Api);
    await t.eventually(
      'its namespace to go',
      async () => !(await core.readNamespace({ name: namespace() }).catch(() => undefined)),
    );
    const dev = await t.api('GET', '/environments/dev');
    assert.equal(dev.json().environment.status, 'active', 'the base is untouched');
  });

  it('a replayed opened or synchronize with a new delivery id does not bring the closed preview back', async () => {
    for (const [action, sha, at] of [
      ['opened', sha1, openedAt],
      ['synchronize', sha2, pushedAt],
    ] as const) {
      const replay = await t.webhook('pull_request', pullRequest(action, sha, at), { delivery: `replay-${action}` });
      assert.equal(replay.statusCode, 202, replay.body);
      assert.equal(replay.json().result, 'ignored');
      assert.match(replay.json().message, /already acted on its closed event of 2026-03-04T16:01:10\.000Z/);
      assert.match(replay.json().message, /acknowledged, nothing done/);
    }
    // The closed event itself, replayed: as new as what was acted on, so nothing either.
    const closedAgain = await t.webhook('pull_request', pullRequest('closed', sha2, closedAt));
    assert.equal(closedAgain.json().result, 'ignored');
    assert.equal((await t.api('GET', '/environments/pr-7')).statusCode, 404, 'still gone');
  });

  it('reopened, newer than the close: the preview comes back; a replay of that is ignored too', async () => {
    const res = await t.webhook('pull_request', pullRequest('reopened', sha2, reopenedAt));
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.json().result, 'created');
    for (const id of res.json().releases) assert.equal((await t.settle(id)).status, 'healthy');
    assert.equal(await previewImage(), 'registry.example.com/shop/web:bbbbbbb');
    const replay = await t.webhook('pull_request', pullRequest('reopened', sha2, reopenedAt));
    assert.equal(replay.json().result, 'ignored');
    const done = await t.webhook('pull_request', pullRequest('closed', sha2, '2026-03-06T12:00:00Z'));
    assert.equal(done.json().result, 'deleted');
    await t.eventually('pr-7 to be gone', async () => (await t.api('GET', '/environments/pr-7')).statusCode === 404);
  });
});

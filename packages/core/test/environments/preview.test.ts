import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  expandImageTemplate,
  type FieldIssue,
  type PullRequestEvent,
  parsePullRequestEvent,
  previewAction,
  previewEnvironmentName,
  previewEventVerdict,
  SlipwayError,
} from '../../src/index.ts';
import { pullRequestPayload } from './fixtures.ts';

const sha = 'c0ffee254729296a45a3885639ac7ca7b0a4f8d1';
const event: PullRequestEvent = {
  action: 'synchronize',
  number: 42,
  repository: 'acme/Shop_API',
  headSha: sha,
  headRef: 'feature/Vouchers',
  baseRef: 'main',
  title: 'Checkout: pay with a voucher',
  author: 'octocat',
  htmlUrl: 'https://github.com/acme/Shop_API/pull/42',
  state: 'open',
  updatedAt: '2026-03-04T16:01:10Z',
};

/** The field issues of what `run` throws, which must be an invalid_input SlipwayError. */
function issuesOf(run: () => unknown): FieldIssue[] {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof SlipwayError, String(e));
    assert.equal(e.code, 'invalid_input');
    return e.fields ?? [];
  }
  assert.fail('expected an error');
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof SlipwayError && e.code === 'invalid_input', String(e));
    return e.message;
  }
  assert.fail('expected an error');
}

/** The fixture with one field changed, `path` naming it by segments. */
function payloadWith(path: string[], value: unknown): Record<string, unknown> {
  const payload = pullRequestPayload();
  let node = payload;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string, unknown>;
  const last = path.at(-1) as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return payload;
}

describe('parsePullRequestEvent', () => {
  it('reads what a preview needs from a real payload', () => {
    assert.deepEqual(parsePullRequestEvent(pullRequestPayload()), event);
  });

  const table: Array<[string, string[], unknown, string, RegExp]> = [
    ['a missing head SHA', ['pull_request', 'head', 'sha'], undefined, '/pull_request/head/sha', /missing/],
    ['a SHA that is not hex', ['pull_request', 'head', 'sha'], 'main', '/pull_request/head/sha', /commit SHA/],
    ['a number given as text', ['number'], '42', '/number', /positive integer/],
    ['a fractional number', ['number'], 4.2, '/number', /positive integer/],
    ['a null base ref', ['pull_request', 'base', 'ref'], null, '/pull_request/base/ref', /missing/],
    ['a numeric title', ['pull_request', 'title'], 7, '/pull_request/title', /string/],
    ['a missing user', ['pull_request', 'user'], undefined, '/pull_request/user', /missing/],
    ['a user that is text', ['pull_request', 'user'], 'octocat', '/pull_request/user', /object/],
    ['a repository without owner', ['repository', 'full_name'], 'Shop_API', '/repository/full_name', /owner\/name/],
    ['a missing action', ['action'], undefined, '/action', /missing/],
    ['a state GitHub does not send', ['pull_request', 'state'], 'merged', '/pull_request/state', /open or closed/],
    ['a missing updated_at', ['pull_request', 'updated_at'], undefined, '/pull_request/updated_at', /missing/],
    [
      'an updated_at that is no time',
      ['pull_request', 'updated_at'],
      'yesterday',
      '/pull_request/updated_at',
      /ISO 8601/,
    ],
  ];
  for (const [title, path, value, pointer, message] of table) {
    it(`reports ${title} at ${pointer}`, () => {
      const issues = issuesOf(() => parsePullRequestEvent(payloadWith(path, value)));
      assert.equal(issues.length, 1, JSON.stringify(issues));
      assert.equal(issues[0]?.path, pointer);
      assert.match(issues[0]?.message ?? '', message);
    });
  }

  it('reports a missing pull_request once, not once per field', () => {
    const issues = issuesOf(() => parsePullRequestEvent(payloadWith(['pull_request'], undefined)));
    assert.deepEqual(issues, [{ path: '/pull_request', message: 'is missing' }]);
  });

  it('reports every problem at once, and names them in the message', () => {
    const payload = payloadWith(['number'], 'x');
    delete (payload.repository as Record<string, unknown>).full_name;
    const issues = issuesOf(() => parsePullRequestEvent(payload));
    assert.deepEqual(
      issues.map((i) => i.path),
      ['/number', '/repository/full_name'],
    );
    assert.match(
      messageOf(() => parsePullRequestEvent(payload)),
      /\/number .*\/repository\/full_name/,
    );
  });

  it('refuses what is not an object at all', () => {
    for (const payload of [null, 'text', [1, 2], 42]) {
      assert.deepEqual(
        issuesOf(() => parsePullRequestEvent(payload)),
        [{ path: '', message: 'must be an object' }],
      );
    }
  });
});

describe('previewAction', () => {
  const table: Array<[string, string]> = [
    ['opened', 'upsert'],
    ['reopened', 'upsert'],
    ['synchronize', 'upsert'],
    ['closed', 'destroy'],
    ['edited', 'ignore'],
    ['labeled', 'ignore'],
    ['ready_for_review', 'ignore'],
    ['Opened', 'ignore'],
    ['', 'ignore'],
  ];
  for (const [action, expected] of table) {
    it(`${action || '(empty)'} → ${expected}`, () => assert.equal(previewAction(action), expected));
  }
});

describe('previewEnvironmentName', () => {
  it('fills the default pattern', () => {
    assert.equal(previewEnvironmentName('pr-{number}', event), 'pr-42');
  });

  it('makes the repository name a DNS label piece', () => {
    assert.equal(previewEnvironmentName('{repo}-pr-{number}', event), 'shop-api-pr-42');
    assert.equal(previewEnvironmentName('{repo}', { number: 1, repository: 'acme/web.site' }), 'web-site');
  });

  it('refuses a result that is not a DNS label', () => {
    assert.match(
      messageOf(() => previewEnvironmentName('PR-{number}', event)),
      /"PR-42".*not a DNS label/,
    );
    const long = { number: 7, repository: `acme/${'r'.repeat(60)}` };
    assert.match(
      messageOf(() => previewEnvironmentName('{repo}-pr-{number}', long)),
      /not a DNS label/,
    );
    assert.match(
      messageOf(() => previewEnvironmentName('', event)),
      /not a DNS label/,
    );
  });

  it('refuses unknown placeholders and stray braces', () => {
    assert.match(
      messageOf(() => previewEnvironmentName('pr-{branch}', event)),
      /unknown placeholder \{branch\}/,
    );
    assert.match(
      messageOf(() => previewEnvironmentName('pr-{number', event)),
      /unmatched brace/,
    );
  });
});

describe('expandImageTemplate', () => {
  it('fills every placeholder', () => {
    assert.equal(
      expandImageTemplate('ghcr.io/acme/shop:{branch}-{short_sha}', event),
      'ghcr.io/acme/shop:feature-Vouchers-c0ffee2',
    );
    assert.equal(expandImageTemplate('registry:5000/shop:pr-{number}@{sha}', event), `registry:5000/shop:pr-42@${sha}`);
    assert.equal(expandImageTemplate('shop:latest', event), 'shop:latest');
  });

  const branches: Array<[string, string]> = [
    ['feature/login page', 'feature-login-page'],
    ['Release_1.2', 'Release_1.2'],
    ['.hidden', 'hidden'],
    ['-/.x', 'x'],
    ['fix/ümlaut', 'fix-mlaut'],
    ['///', 'pr-42'],
  ];
  for (const [ref, tag] of branches) {
    it(`makes the branch "${ref}" the tag "${tag}"`, () => {
      assert.equal(expandImageTemplate('{branch}', { ...event, headRef: ref }), tag);
    });
  }

  it('cuts a long branch to 128 characters', () => {
    const tag = expandImageTemplate('{branch}', { ...event, headRef: `feature/${'a'.repeat(200)}` });
    assert.equal(tag.length, 128);
    assert.match(tag, /^feature-a+$/);
  });

  it('names an unknown placeholder', () => {
    const message = messageOf(() => expandImageTemplate('shop:{tag}', event));
    assert.match(message, /unknown placeholder \{tag\}/);
    assert.match(
      messageOf(() => expandImageTemplate('shop:{}', event)),
      /unknown placeholder \{\}/,
    );
    assert.match(
      messageOf(() => expandImageTemplate('shop:sha}', event)),
      /unmatched brace/,
    );
  });
});

describe('previewEventVerdict: the pull request’s state and updated_at decide, not the delivery id', () => {
  const at = (iso: string, action = 'synchronize', state: 'open' | 'closed' = 'open'): PullRequestEvent => ({
    ...event,
    action,
    state,
    updatedAt: iso,
  });
  const memory = (iso: string, closed = false, action = 'synchronize') => ({
    updatedAt: new Date(iso),
    closed,
    action,
  });

  it('acts on the first event of a pull request, and on every newer one', () => {
    assert.deepEqual(previewEventVerdict(at('2026-03-04T16:01:10Z'), undefined), { act: true });
    assert.deepEqual(previewEventVerdict(at('2026-03-04T16:01:11Z'), memory('2026-03-04T16:01:10Z')), { act: true });
  });

  it('ignores an event as old as, or older than, the one acted on, saying so', () => {
    for (const iso of ['2026-03-04T16:01:10Z', '2026-03-02T09:12:44Z']) {
      const verdict = previewEventVerdict(at(iso, 'opened'), memory('2026-03-04T16:01:10Z', true, 'closed'));
      assert.equal(verdict.act, false);
      assert.match((verdict as { reason: string }).reason, /already acted on its closed event of 2026-03-04T16:01:10/);
    }
  });

  it('acts on an event that follows the remembered one within the same second, not on a replay', () => {
    const second = '2026-03-04T16:01:10Z';
    const opened = memory(second, false, 'opened');
    assert.deepEqual(previewEventVerdict(at(second, 'synchronize'), opened), { act: true });
    const pushed = memory(second, false, 'synchronize');
    assert.deepEqual(previewEventVerdict(at(second, 'closed', 'closed'), pushed), { act: true });
    const closed = memory(second, true, 'closed');
    const replay = previewEventVerdict(at(second, 'closed', 'closed'), closed);
    assert.match((replay as { reason: string }).reason, /already acted on its closed event/);
    for (const earlier of ['opened', 'synchronize']) {
      const verdict = previewEventVerdict(at(second, earlier), pushed);
      assert.match((verdict as { reason: string }).reason, /already acted on its synchronize event/, earlier);
    }
  });

  it('brings a closed pull request back only when it is reopened', () => {
    const closed = memory('2026-03-05T08:00:00Z', true, 'closed');
    const replayed = previewEventVerdict(at('2026-03-06T08:00:00Z', 'synchronize'), closed);
    assert.match((replayed as { reason: string }).reason, /was closed; only a reopened event brings its preview back/);
    assert.deepEqual(previewEventVerdict(at('2026-03-06T08:00:00Z', 'reopened'), closed), { act: true });
    const stillClosed = previewEventVerdict(at('2026-03-06T08:00:00Z', 'opened', 'closed'), undefined);
    assert.match((stillClosed as { reason: string }).reason, /was closed when this opened event was sent/);
  });
});

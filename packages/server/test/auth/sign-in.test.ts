import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { dummyHash, passwordWork } from '../../src/auth/passwords.ts';
import type { Config } from '../../src/config/schema.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { type AuthApp, authApp, password, signIn, testConfig } from './harness.ts';

describeEachDatabase('password sign-in and browser sessions', (getDb) => {
  let ctx: AuthApp;
  let app: FastifyInstance;

  before(async () => {
    ctx = await authApp(getDb());
    app = ctx.app;
    for (const name of ['alice', 'bob', 'dave', 'erin']) await ctx.addUser(name);
  });
  after(() => app.close());

  const whoami = (headers: Record<string, string>) => app.inject({ url: '/api/v1/whoami', headers });

  test('the right password opens a session: an HttpOnly, SameSite=Lax cookie on /, and a CSRF token', async () => {
    const { res, cookie, csrfToken } = await signIn(app, 'alice');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.user.username, 'alice');
    assert.match(csrfToken, /^[A-Za-z0-9_-]{43}$/);
    const hours = (Date.parse(body.expiresAt) - Date.now()) / 3_600_000;
    assert.ok(hours > 11.9 && hours <= 12, `expires in ${hours} h (default 12 h)`);

    const set = res.cookies.find((c) => c.name === 'slipway_session');
    assert.ok(set, 'the session cookie is set');
    assert.equal(set.httpOnly, true);
    assert.equal(set.sameSite, 'Lax');
    assert.equal(set.path, '/');
    assert.equal(set.secure, undefined, 'not Secure over plain http without the flag');
    assert.ok(!res.body.includes(set.value), 'the secret is only in the cookie');

    const me = await whoami({ cookie });
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().user.username, 'alice');
    assert.equal(me.json().via, 'session');

    const session = await app.inject({ url: '/api/v1/auth/session', headers: { cookie } });
    assert.equal(session.statusCode, 200);
    assert.equal(session.json().csrfToken, csrfToken, 'the same token for the life of the session');
  });

  test('a wrong password, an unknown user and a disabled user get the same 401, for the same hashing work', async () => {
    const disable = await app.inject({
      method: 'PATCH',
      url: '/api/v1/users/erin',
      headers: ctx.admin,
      payload: { disabled: true },
    });
    assert.equal(disable.statusCode, 200, disable.body);
    const attempts = [
      ['alice', 'not-alices-password'],
      ['nobody-by-this-name', password('nobody')],
      ['erin', password('erin')],
    ] as const;
    const answers = [];
    for (const [username, secret] of attempts) {
      const before = passwordWork.verifications;
      const { res } = await signIn(app, username, secret);
      assert.equal(res.statusCode, 401, `${username}: ${res.body}`);
      assert.equal(res.cookies.length, 0, 'no cookie');
      // Equal work rather than equal wall time: timing a single answer on a busy machine
      // is noise, while one argon2 verification per refusal is what makes them alike.
      assert.equal(passwordWork.verifications - before, 1, `${username}: one argon2 verification`);
      answers.push(res.json().error);
    }
    assert.deepEqual(answers[1], answers[0]);
    assert.deepEqual(answers[2], answers[0]);
    assert.equal(answers[0].code, 'unauthenticated');
    // The unknown user's hash costs what a real one does: the same argon2id parameters.
    const parameters = (phc: string) => phc.split('$').slice(1, 4).join('$');
    const [alice] = await sql<{ hash: string }>`select password_hash as hash from users where username = 'alice'`
      .execute(getDb().db)
      .then((r) => r.rows);
    assert.ok(alice, 'alice has a password');
    assert.equal(parameters(await dummyHash()), parameters(alice.hash));
    assert.match(parameters(alice.hash), /^argon2id\$v=19\$m=19456,t=2,p=1$/);
  });

  test('an expired session is refused and its cookie cleared', async () => {
    const { cookie } = await signIn(app, 'bob');
    assert.equal((await whoami({ cookie })).statusCode, 200);
    await sql`update sessions set expires_at = now() - interval '1 second'
      where user_id = (select id from users where username = 'bob')`.execute(getDb().db);
    const res = await whoami({ cookie });
    assert.equal(res.statusCode, 401);
    assert.match(res.json().error.message, /expired or was signed out/);
    const cleared = res.cookies.find((c) => c.name === 'slipway_session');
    assert.ok(cleared && cleared.value === '' && (cleared.expires?.getTime() ?? 0) <= Date.now(), 'cleared');
  });

  test('signing out revokes the session at once', async () => {
    const { cookie, change } = await signIn(app, 'bob');
    const out = await app.inject({ method: 'DELETE', url: '/api/v1/auth/session', headers: change });
    assert.equal(out.statusCode, 204, out.body);
    assert.equal(out.cookies.find((c) => c.name === 'slipway_session')?.value, '');
    assert.equal((await whoami({ cookie })).statusCode, 401);
  });

  test("one lists and revokes one's own sessions, never another user's (404)", async () => {
    const first = await signIn(app, 'dave');
    const second = await signIn(app, 'dave');
    const alices = await signIn(app, 'alice');
    const aliceSessionId = (await whoami({ cookie: alices.cookie })).json().session.id;

    const list = await app.inject({ url: '/api/v1/auth/sessions', headers: { cookie: first.cookie } });
    assert.equal(list.statusCode, 200, list.body);
    const items = list.json().items as Array<{ id: string; current: boolean; method: string }>;
    assert.equal(items.length, 2);
    assert.equal(items.filter((s) => s.current).length, 1);
    assert.ok(items.every((s) => s.method === 'password'));
    const other = items.find((s) => !s.current);
    assert.ok(other);

    const foreign = await app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${aliceSessionId}`,
      headers: first.change,
    });
    assert.equal(foreign.statusCode, 404, foreign.body);
    assert.equal((await whoami({ cookie: alices.cookie })).statusCode, 200, "alice's session lives on");

    const own = await app.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${other.id}`, headers: first.change });
    assert.equal(own.statusCode, 204, own.body);
    assert.equal((await whoami({ cookie: second.cookie })).statusCode, 401);
    assert.equal((await whoami({ cookie: first.cookie })).statusCode, 200);
  });

  test('CSRF: a change with the session cookie needs its token; GETs and Bearer tokens do not', async () => {
    const alice = await signIn(app, 'alice');
    const bob = await signIn(app, 'bob');
    const create = (headers: Record<string, string>, name: string) =>
      app.inject({ method: 'POST', url: '/api/v1/tokens', headers, payload: { name } });

    const missing = await create({ cookie: alice.cookie }, 'csrf-1');
    assert.equal(missing.statusCode, 403, missing.body);
    assert.equal(missing.json().error.code, 'csrf_failed');
    assert.match(missing.json().error.hint, /x-csrf-token/);

    const wrong = await create({ cookie: alice.cookie, 'x-csrf-token': 'A'.repeat(43) }, 'csrf-2');
    assert.equal(wrong.statusCode, 403);
    assert.equal(wrong.json().error.code, 'csrf_failed');

    const anothers = await create({ cookie: alice.cookie, 'x-csrf-token': bob.csrfToken }, 'csrf-3');
    assert.equal(anothers.statusCode, 403, "another session's token does not fit");

    const signOut = await app.inject({
      method: 'DELETE',
      url: '/api/v1/auth/session',
      headers: { cookie: alice.cookie },
    });
    assert.equal(signOut.statusCode, 403, 'signing out is a change too');

    const right = await create(alice.change, 'csrf-4');
    assert.equal(right.statusCode, 201, right.body);

    assert.equal((await app.inject({ url: '/api/v1/tokens', headers: { cookie: alice.cookie } })).statusCode, 200);

    const secret = right.json().secret as string;
    const bearer = await create({ authorization: `Bearer ${secret}` }, 'csrf-5');
    assert.equal(bearer.statusCode, 201, 'a Bearer token is no ambient credential: no CSRF token needed');

    const entries = (await app.inject({ url: '/api/v1/audit?action=createToken', headers: ctx.admin })).json().items;
    const viaPortal = entries.find((e: { detail: { session?: string } }) => e.detail.session);
    assert.equal(viaPortal?.via, 'portal', 'the audit log says the change came through the portal');
  });

  test('a disabled user is signed out everywhere and their tokens stop working', async () => {
    const dave = await signIn(app, 'dave');
    const token = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: dave.change,
      payload: { name: 'dave-laptop' },
    });
    const bearer = { authorization: `Bearer ${token.json().secret}` };
    assert.equal((await whoami(bearer)).statusCode, 200);

    const self = await app.inject({
      method: 'PATCH',
      url: '/api/v1/users/root',
      headers: ctx.admin,
      payload: { disabled: true },
    });
    assert.equal(self.statusCode, 409, 'an admin cannot disable themselves');
    assert.equal(self.json().error.code, 'self_disable');

    const res = await app.inject({
      method: 'PATCH',
      url: '/api/v1/users/dave',
      headers: ctx.admin,
      payload: { disabled: true },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().user.disabled, true);
    assert.equal((await whoami({ cookie: dave.cookie })).statusCode, 401);
    assert.equal((await whoami(bearer)).statusCode, 401);
    assert.equal((await signIn(app, 'dave')).res.statusCode, 401);

    await app.inject({ method: 'PATCH', url: '/api/v1/users/dave', headers: ctx.admin, payload: { disabled: false } });
    assert.equal((await signIn(app, 'dave')).res.statusCode, 200, 'enabled again, dave signs in');
    assert.equal((await whoami({ cookie: dave.cookie })).statusCode, 401, 'but the old session stays revoked');
  });

  test('changing one’s password checks the current one and the policy, and signs out the other sessions', async () => {
    await ctx.addUser('frank');
    const here = await signIn(app, 'frank');
    const elsewhere = await signIn(app, 'frank');
    const change = (payload: object) =>
      app.inject({ method: 'PUT', url: '/api/v1/auth/password', headers: here.change, payload });

    const wrong = await change({ currentPassword: 'not-franks-password', newPassword: 'a-brand-new-passphrase' });
    assert.equal(wrong.statusCode, 403, wrong.body);
    assert.deepEqual(
      wrong.json().error.fields.map((f: { path: string }) => f.path),
      ['/currentPassword'],
    );

    const short = await change({ currentPassword: password('frank'), newPassword: 'too-short' });
    assert.equal(short.statusCode, 400);
    assert.deepEqual(short.json().error.fields, [{ path: '/newPassword', message: 'must be at least 12 characters' }]);

    const long = await change({ currentPassword: password('frank'), newPassword: 'x'.repeat(1025) });
    assert.equal(long.statusCode, 400);
    assert.equal(long.json().error.fields[0].path, '/newPassword');

    const ok = await change({ currentPassword: password('frank'), newPassword: 'a-brand-new-passphrase' });
    assert.equal(ok.statusCode, 204, ok.body);
    assert.equal((await whoami({ cookie: here.cookie })).statusCode, 200, 'this session stays');
    assert.equal((await whoami({ cookie: elsewhere.cookie })).statusCode, 401, 'the other one is signed out');
    assert.equal((await signIn(app, 'frank')).res.statusCode, 401, 'the old password is gone');
    assert.equal((await signIn(app, 'frank', 'a-brand-new-passphrase')).res.statusCode, 200);
  });

  test('user administration: admins only, policy with field paths, never a hash', async () => {
    const short = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: ctx.admin,
      payload: { username: 'gina', password: 'short', email: 'not-an-email' },
    });
    assert.equal(short.statusCode, 400);
    assert.ok(short.json().error.fields.some((f: { path: string }) => f.path === '/email'));

    const weak = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: ctx.admin,
      payload: { username: 'gina', password: 'short' },
    });
    assert.equal(weak.statusCode, 400);
    assert.deepEqual(weak.json().error.fields, [{ path: '/password', message: 'must be at least 12 characters' }]);

    const made = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: ctx.admin,
      payload: { username: 'gina', displayName: 'Gina', email: 'gina@example.com', password: password('gina') },
    });
    assert.equal(made.statusCode, 201, made.body);
    assert.equal(made.json().user.hasPassword, true);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: ctx.admin,
      payload: { username: 'gina' },
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'already_exists');

    const list = await app.inject({ url: '/api/v1/users', headers: ctx.admin });
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().items.some((u: { username: string }) => u.username === 'gina'));
    assert.doesNotMatch(list.body + made.body, /argon2|password_?hash/i);

    const missing = await app.inject({ method: 'PATCH', url: '/api/v1/users/nobody', headers: ctx.admin, payload: {} });
    assert.equal(missing.statusCode, 404);

    const gina = await signIn(app, 'gina');
    const notAdmin = await app.inject({ url: '/api/v1/users', headers: { cookie: gina.cookie } });
    assert.equal(notAdmin.statusCode, 403, 'a user without the admin role may not administer users');
  });

  test('a token for a password: scoped, 30 days by default; expired or revoked ones are refused at once', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { username: 'alice', password: 'not-alices-password' },
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().error.code, 'unauthenticated');

    const issued = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { username: 'alice', password: password('alice'), name: 'cli-test' },
    });
    assert.equal(issued.statusCode, 201, issued.body);
    const { token, secret } = issued.json();
    assert.deepEqual(token.scopes, ['read', 'write']);
    const days = (Date.parse(token.expiresAt) - Date.now()) / 86_400_000;
    assert.ok(days > 29.9 && days <= 30, `expires in ${days} days`);
    const bearer = { authorization: `Bearer ${secret}` };
    assert.equal((await whoami(bearer)).json().token.name, 'cli-test');

    // Through the query builder, as Slipway's own writes go: that is what the auth cache watches.
    await getDb()
      .db.updateTable('api_tokens')
      .set({ expires_at: sql`now() - interval '1 second'` })
      .where('id', '=', token.id)
      .execute();
    const expired = await whoami(bearer);
    assert.equal(expired.statusCode, 401);
    assert.match(expired.json().error.message, /unknown, expired or revoked/);

    const other = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/token',
        payload: { username: 'alice', password: password('alice'), expiresInDays: 1 },
      })
    ).json();
    const otherBearer = { authorization: `Bearer ${other.secret}` };
    assert.equal((await whoami(otherBearer)).statusCode, 200);
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${other.token.id}`,
      headers: otherBearer,
    });
    assert.equal(revoke.statusCode, 204);
    assert.equal((await whoami(otherBearer)).statusCode, 401, 'the very next request is refused');
  });

  test('OIDC routes answer 404 with a hint when single sign-on is not configured', async () => {
    const res = await app.inject('/api/v1/auth/oidc/login');
    assert.equal(res.statusCode, 404);
    assert.match(res.json().error.hint, /auth\.oidc/);
    assert.deepEqual((await app.inject('/api/v1/auth/methods')).json(), { password: true, oidc: null });
  });
});

describeEachDatabase('sign-in hardening', (getDb) => {
  test('the session cookie is Secure with the __Host- prefix behind https, or when the flag says so', async () => {
    const settings: Array<[string, (c: Config) => void]> = [
      ['https-url', (c) => (c.server.publicUrl = 'https://slipway.example.com')],
      ['secure-flag', (c) => (c.auth.secureCookies = true)],
    ];
    for (const [name, change] of settings) {
      const { app, addUser } = await authApp(getDb(), testConfig(change));
      try {
        await addUser(name);
        const { res, cookie } = await signIn(app, name);
        assert.equal(res.statusCode, 200, res.body);
        const set = res.cookies.find((c) => c.name === '__Host-slipway_session');
        assert.ok(set, `${name}: cookies ${JSON.stringify(res.cookies)}`);
        assert.equal(set.secure, true);
        assert.equal(set.httpOnly, true);
        assert.equal(set.sameSite, 'Lax');
        assert.equal(set.path, '/');
        assert.equal((await app.inject({ url: '/api/v1/whoami', headers: { cookie } })).statusCode, 200);
      } finally {
        await app.close();
      }
    }
  });

  test('sign-in attempts are limited per address and per username: 429 with Retry-After', async () => {
    const { app, addUser } = await authApp(
      getDb(),
      testConfig((c) => {
        c.server.rateLimits.signInsPerMinute = 3;
      }),
    );
    await addUser('mallory-target');
    try {
      // One address trying many usernames.
      const fromOne = [];
      for (const name of ['a', 'b', 'c', 'd']) {
        fromOne.push((await signIn(app, name, 'guess-guess-guess', { remoteAddress: '10.0.0.1' })).res);
      }
      assert.deepEqual(
        fromOne.map((r) => r.statusCode),
        [401, 401, 401, 429],
      );
      const limited = fromOne[3];
      assert.equal(limited?.json().error.code, 'rate_limited');
      assert.ok(Number(limited?.headers['retry-after']) > 0);

      // Many addresses trying one username; the token endpoint shares the budget.
      const codes = [];
      for (let i = 0; i < 3; i++) {
        codes.push(
          (await signIn(app, 'mallory-target', 'guess-guess-guess', { remoteAddress: `10.0.1.${i}` })).res.statusCode,
        );
      }
      const viaToken = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/token',
        remoteAddress: '10.0.2.1',
        payload: { username: 'mallory-target', password: password('mallory-target') },
      });
      codes.push(viaToken.statusCode);
      assert.deepEqual(codes, [401, 401, 401, 429]);
    } finally {
      await app.close();
    }
  });
});

/**
 * OIDC sign-in end to end: a real OpenID Provider (oidc-provider) runs in this process on a
 * port of its own, Slipway listens on another, and the test plays the browser with plain
 * HTTP: it follows the redirects, fills in the provider's (development) sign-in and consent
 * forms, and lands back at Slipway with a session cookie.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import Provider from 'oidc-provider';
import { addMember, createTeam } from '../../src/db/stores/teams.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { authApp, testConfig } from './harness.ts';

type ErrorBody = { error: { code: string; message: string; fields?: Array<{ path: string }> } };

/** What the provider says about each account; tests change the groups between sign-ins. */
let accounts: Record<string, { groups: string[]; email: string }> = {};
const initialAccounts = () => ({
  alice: { groups: ['platform', '/Engineering/Payments Team'], email: 'alice@example.com' },
  bob: { groups: [], email: 'bob@example.com' },
});

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts the provider with one confidential client whose redirect is Slipway's callback. */
async function startProvider(redirectUri: string) {
  const server = createServer();
  const issuer = `http://127.0.0.1:${await listen(server)}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'slipway',
        client_secret: 'a-client-secret-of-some-length',
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    scopes: ['openid', 'profile', 'email', 'groups'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], groups: ['groups'] },
    findAccount: (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: () => ({
        sub: id,
        preferred_username: id,
        name: id.toUpperCase(),
        email: accounts[id]?.email,
        groups: accounts[id]?.groups ?? [],
      }),
    }),
    cookies: { keys: ['a-cookie-signing-key-for-the-test'] },
    features: { devInteractions: { enabled: true } },
  });
  provider.on('server_error', (_ctx, error) => console.error('provider error', error));
  server.on('request', provider.callback());
  return { issuer, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** A browser, as far as the test needs one: a cookie jar per host, redirects followed by hand. */
class Browser {
  readonly jar = new Map<string, Map<string, string>>();

  async get(url: string) {
    return this.request(url, { method: 'GET' });
  }

  async request(url: string, init: RequestInit): Promise<Response> {
    const { host } = new URL(url);
    const cookies = [...(this.jar.get(host) ?? new Map())].map(([k, v]) => `${k}=${v}`).join('; ');
    const headers = new Headers(init.headers);
    if (cookies) headers.set('cookie', cookies);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    const jar = this.jar.get(host) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\s*$/i.test(a));
      if (value === '' || expired) jar.delete(name);
      else jar.set(name, value);
    }
    this.jar.set(host, jar);
    return res;
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  /**
   * Follows redirects from `url` until it reaches `stopAt` (a URL prefix) and returns that
   * URL without requesting it, answering the provider's sign-in and consent forms on the way.
   */
  async signInAtProvider(url: string, account: string, stopAt: string): Promise<string> {
    let next = url;
    for (let step = 0; step < 20; step++) {
      if (next.startsWith(stopAt)) return next;
      const res = await this.get(next);
      if (res.status >= 300 && res.status < 400) {
        next = new URL(res.headers.get('location') ?? '', next).href;
        continue;
      }
      const page = await res.text();
      assert.equal(res.status, 200, page);
      const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
      assert.ok(prompt && action, `a form on the provider's page:\n${page}`);
      const form = new URLSearchParams({ prompt });
      if (prompt === 'login') {
        form.set('login', account);
        form.set('password', 'any');
      }
      const submitted = await this.request(new URL(action, next).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      assert.ok(submitted.status >= 300 && submitted.status < 400, `the ${prompt} form answers with a redirect`);
      next = new URL(submitted.headers.get('location') ?? '', next).href;
    }
    throw new Error('too many redirects');
  }
}

describeEachDatabase('OIDC sign-in', (getDb) => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let app: FastifyInstance;
  let base: string;
  let callback: string;
  let slipwayHost: string;

  before(async () => {
    accounts = initialAccounts();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    callback = `${base}/api/v1/auth/oidc/callback`;
    slipwayHost = `127.0.0.1:${port}`;
    provider = await startProvider(callback);
    const config = testConfig((c) => {
      c.server.publicUrl = base;
      c.auth.oidc = {
        issuer: provider.issuer,
        clientId: 'slipway',
        clientSecret: 'a-client-secret-of-some-length',
        scopes: ['openid', 'profile', 'email', 'groups'],
        usernameClaim: 'preferred_username',
        groupsClaim: 'groups',
        linkExistingUsers: false,
      };
    });
    ({ app } = await authApp(getDb(), config));
    await app.listen({ host: '127.0.0.1', port });
  });
  after(async () => {
    await app?.close();
    await provider?.close();
  });

  /** Starts at Slipway's login route and returns the callback URL the provider sends the browser to. */
  async function untilCallback(browser: Browser, account: string, returnTo = '/services/web') {
    const start = await browser.get(`${base}/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`);
    assert.equal(start.status, 302, await start.text());
    const location = new URL(start.headers.get('location') ?? '');
    assert.equal(location.origin, provider.issuer);
    assert.equal(location.searchParams.get('code_challenge_method'), 'S256', 'PKCE');
    assert.ok(location.searchParams.get('state'), 'state');
    assert.ok(location.searchParams.get('nonce'), 'nonce');
    assert.equal(location.searchParams.get('redirect_uri'), callback);
    assert.ok(browser.cookie(slipwayHost, 'slipway_oidc'), 'the sign-in in flight is kept in a cookie');
    return browser.signInAtProvider(location.href, account, callback);
  }

  const teamsOf = async (username: string) =>
    (
      await getDb()
        .db.selectFrom('team_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.team', 'm.source'])
        .where('u.username', '=', username)
        .orderBy('m.team')
        .execute()
    ).map((r) => `${r.team}:${r.source}`);

  test('a first sign-in creates the user, joins the teams of their groups, and lands with a session', async () => {
    const browser = new Browser();
    const back = await untilCallback(browser, 'alice');
    const landed = await browser.get(back);
    assert.equal(landed.status, 302, await landed.text());
    assert.equal(landed.headers.get('location'), '/services/web');
    assert.equal(browser.cookie(slipwayHost, 'slipway_oidc'), undefined, 'the transaction cookie is cleared');
    assert.ok(browser.cookie(slipwayHost, 'slipway_session'), 'a session cookie');

    const me = await browser.get(`${base}/api/v1/whoami`);
    assert.equal(me.status, 200);
    const body = (await me.json()) as { user: { username: string }; via: string };
    assert.equal(body.user.username, 'alice');
    assert.equal(body.via, 'session');

    const sessions = (await (await browser.get(`${base}/api/v1/auth/sessions`)).json()) as {
      items: Array<{ method: string }>;
    };
    assert.equal(sessions.items[0]?.method, 'oidc');
    assert.deepEqual(await teamsOf('alice'), ['engineering-payments-team:oidc', 'platform:oidc']);
    const team = await getDb().db.selectFrom('teams').selectAll().where('name', '=', 'platform').executeTakeFirst();
    assert.equal(team?.source, 'oidc');
    const user = await getDb().db.selectFrom('users').selectAll().where('username', '=', 'alice').executeTakeFirst();
    assert.equal(user?.email, 'alice@example.com');
    assert.equal(user?.oidc_subject, 'alice');
    assert.equal(user?.oidc_issuer, provider.issuer);
    assert.equal(user?.password_hash, null);
  });

  test('the next sign-in brings memberships in step with the claim and leaves local ones alone', async () => {
    const alice = await ensureUser(getDb().db, 'alice');
    await createTeam(getDb().db, { name: 'handmade' });
    await addMember(getDb().db, 'handmade', alice.id, 'local');
    await addMember(getDb().db, 'platform', alice.id, 'local'); // already an oidc member: stays oidc
    accounts.alice = { groups: ['platform', 'handmade', 'sre'], email: 'alice@example.com' };

    const browser = new Browser();
    const landed = await browser.get(await untilCallback(browser, 'alice'));
    assert.equal(landed.status, 302);
    assert.deepEqual(await teamsOf('alice'), ['handmade:local', 'platform:oidc', 'sre:oidc']);

    accounts.alice = { groups: [], email: 'alice@example.com' };
    await browser.get(await untilCallback(browser, 'alice'));
    assert.deepEqual(await teamsOf('alice'), ['handmade:local'], 'dropped groups leave; local membership stays');
    const users = await getDb().db.selectFrom('users').select('username').where('username', '=', 'alice').execute();
    assert.equal(users.length, 1, 'found again by issuer and subject, not made twice');
  });

  test('a forged state is refused, and so is a replayed callback', async () => {
    const browser = new Browser();
    const back = new URL(await untilCallback(browser, 'alice'));
    const transaction = browser.cookie(slipwayHost, 'slipway_oidc');
    const headers = { cookie: `slipway_oidc=${transaction}` };

    const forged = new URL(back);
    forged.searchParams.set('state', 'a-state-of-my-own-making');
    const refused = await fetch(forged, { headers, redirect: 'manual' });
    assert.equal(refused.status, 401, await refused.text());

    const first = await fetch(back, { headers, redirect: 'manual' });
    assert.equal(first.status, 302, await first.text());
    const replayed = await fetch(back, { headers, redirect: 'manual' });
    assert.equal(replayed.status, 401, 'the code was used: the provider refuses it, so do we');
    assert.equal(((await replayed.json()) as ErrorBody).error.code, 'unauthenticated');

    const noCookie = await fetch(back, { redirect: 'manual' });
    assert.equal(noCookie.status, 401, 'a callback this browser did not start');
    assert.match(((await noCookie.json()) as ErrorBody).error.message, /not started here/);

    const tampered = await fetch(back, { headers: { cookie: `slipway_oidc=${transaction?.slice(0, -4)}AAAA` } });
    assert.equal(tampered.status, 401, 'a transaction cookie altered in the browser');
  });

  test('returnTo must be a path on this server: no open redirect', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'evil', '/ok\r\nx']) {
      const res = await fetch(`${base}/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`, {
        redirect: 'manual',
      });
      assert.equal(res.status, 400, returnTo);
      const body = (await res.json()) as ErrorBody;
      assert.equal(body.error.code, 'invalid_input');
      assert.equal(body.error.fields?.[0]?.path, '/returnTo');
    }
  });

  test('a username taken by a local account is not taken over', async () => {
    await ensureUser(getDb().db, 'bob');
    const browser = new Browser();
    const res = await browser.get(await untilCallback(browser, 'bob'));
    assert.equal(res.status, 409, await res.text());
    assert.equal(browser.cookie(slipwayHost, 'slipway_session'), undefined);
  });

  test('the sign-in methods name the OIDC login route', async () => {
    const res = await fetch(`${base}/api/v1/auth/methods`);
    assert.deepEqual(await res.json(), { password: true, oidc: { loginUrl: '/api/v1/auth/oidc/login' } });
  });
});

/** Helpers for the sign-in tests: an app with an admin, users with passwords, signed-in sessions. */
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/schema.ts';
import type { Database } from '../../src/db/database.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';

export const password = (who: string) => `${who}-correct-horse-battery`;

/** A configuration with roomy limits (the limit itself has its own test) and what `change` adds. */
export function testConfig(change: (config: Config) => void = () => {}): Config {
  const config = loadConfig({ env: {} });
  config.server.rateLimits.signInsPerMinute = 1000;
  config.server.rateLimits.tokensPerMinute = 1000;
  change(config);
  return config;
}

export interface AuthApp {
  app: FastifyInstance;
  /** `authorization` headers of the admin `root`, who made every other user. */
  admin: { authorization: string };
  /** Creates a user with `password(name)` through the API. */
  addUser(name: string): Promise<void>;
}

export async function authApp(database: Database, config: Config = testConfig()): Promise<AuthApp> {
  const app = await buildApp({ config, database, kube: null });
  const root = await ensureUser(database.db, 'root');
  await ensureGlobalRole(database.db, 'root', 'admin', 'test');
  const name = `root-${Math.random().toString(36).slice(2, 10)}`;
  const { secret } = await createToken(database.db, { userId: root.id, name, scopes: ['read', 'write'] });
  const admin = { authorization: `Bearer ${secret}` };
  return {
    app,
    admin,
    addUser: async (name) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin,
        payload: { username: name, password: password(name) },
      });
      assert.equal(res.statusCode, 201, res.body);
    },
  };
}

export interface SignedIn {
  res: LightMyRequestResponse;
  /** The `cookie` header that carries the session. */
  cookie: string;
  csrfToken: string;
  /** Headers for a change: the cookie and the CSRF token. */
  change: Record<string, string>;
}

export async function signIn(
  app: FastifyInstance,
  username: string,
  secret = password(username),
  extra: { remoteAddress?: string } = {},
): Promise<SignedIn> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/session',
    payload: { username, password: secret },
    ...extra,
  });
  const cookie = res.cookies.find((c) => c.name.endsWith('slipway_session'));
  const header = cookie ? `${cookie.name}=${cookie.value}` : '';
  const csrfToken = res.statusCode === 200 ? (res.json().csrfToken as string) : '';
  return { res, cookie: header, csrfToken, change: { cookie: header, 'x-csrf-token': csrfToken } };
}

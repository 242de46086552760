/**
 * The people of a benchmark, set up the way a platform admin sets up a team (docs/operator-
 * guide.md, "Teams, roles and who deploys where"): the first admin, as the server's first start
 * makes it (bootstrap.ts: a user with a global admin binding and an API token), creates the
 * team and its developer over the HTTP API and binds the team's developers to its services
 * and environments. The benchmark then works as that developer, so what it measures goes
 * through the authorization a real deployer's requests do; the admin keeps the admin-only
 * parts (preview sources, users).
 */

import { randomBytes } from 'node:crypto';
import { createToken, ensureGlobalRole, ensureUser, getUserByUsername, type Schema } from '@slipway/server';
import type { Kysely } from 'kysely';

/** An API caller: throws on any answer but success (and 404 when `missingOk`). */
export type Call = (
  method: string,
  path: string,
  body?: unknown,
  options?: { missingOk?: boolean },
) => Promise<{ status: number; json: Record<string, unknown> }>;

export function caller(baseUrl: string, token: string): Call {
  return async (method, path, body, options = {}) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
    if (res.status >= 300 && !(res.status === 404 && options.missingOk))
      throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return { status: res.status, json };
  };
}

export interface BenchPeople {
  /** The first admin: global admin binding. */
  admin: { token: string; call: Call };
  /** A member of `team`, which holds the developer role over its own services and environments. */
  developer: { username: string; token: string; call: Call };
}

/**
 * Makes the first admin, then through the API: team `team`, user `username` in it, and the
 * binding `developer` for the team on `team:TEAM`. Environments the developer makes, and
 * services they deploy first, are owned by the team (the caller's only team).
 */
export async function setUpTeam(
  db: Kysely<Schema>,
  baseUrl: string,
  { team = 'bench', username = 'bench' }: { team?: string; username?: string } = {},
): Promise<BenchPeople> {
  const adminUser = await ensureUser(db, 'admin', 'Administrator');
  await ensureGlobalRole(db, 'admin', 'admin', 'slipway');
  const admin = (await createToken(db, { userId: adminUser.id, name: 'bench-admin', scopes: ['read', 'write'] }))
    .secret;
  const asAdmin = caller(baseUrl, admin);
  await makeTeam(asAdmin, team, { username });
  // The developer's own token, as `slipway token create` would make it once signed in.
  const user = await getUserByUsername(db, username);
  if (!user) throw new Error(`user ${username} was not created`);
  const token = (await createToken(db, { userId: user.id, name: 'bench', scopes: ['read', 'write'] })).secret;
  return { admin: { token: admin, call: asAdmin }, developer: { username, token, call: caller(baseUrl, token) } };
}

/**
 * The same people on a server in another process, through its API alone: the first admin's
 * token is the one its first start wrote; the developer gets a password and signs in for a
 * token, as `slipway login --username` does.
 */
export async function setUpTeamOverApi(
  adminToken: string,
  baseUrl: string,
  { team = 'bench', username = 'bench' }: { team?: string; username?: string } = {},
): Promise<BenchPeople> {
  const asAdmin = caller(baseUrl, adminToken);
  const password = randomBytes(18).toString('base64url');
  await makeTeam(asAdmin, team, { username, password });
  const res = await fetch(`${baseUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, name: 'bench' }),
  });
  const json = (await res.json()) as { secret?: string };
  if (res.status !== 201 || !json.secret) throw new Error(`sign-in answered ${res.status}: ${JSON.stringify(json)}`);
  const token = json.secret;
  return {
    admin: { token: adminToken, call: asAdmin },
    developer: { username, token, call: caller(baseUrl, token) },
  };
}

/** Team `team`, its member `user`, and the team's developer binding on its own services. */
async function makeTeam(asAdmin: Call, team: string, user: { username: string; password?: string }) {
  await asAdmin('POST', '/teams', { name: team });
  await asAdmin('POST', '/users', user);
  await asAdmin('PUT', `/teams/${team}/members/${user.username}`);
  await asAdmin('POST', '/role-bindings', {
    role: 'developer',
    subject: { kind: 'team', name: team },
    scope: { kind: 'team', team },
    environmentTypes: [],
  });
}

/**
 * Signing in: checking a password, opening a browser session, and the limits on attempts.
 * What the HTTP routes for password and OIDC sign-in have in common.
 */
import { SlipwayError } from '@slipway/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { passwordOf } from '../db/stores/accounts.ts';
import { createSession, type SessionMethod, type SessionRecord } from '../db/stores/sessions.ts';
import type { UserRecord } from '../db/stores/users.ts';
import { verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { csrfTokenFor, setSessionCookie } from './session-cookie.ts';

/** One message for every refusal, so it does not tell which usernames exist or are disabled. */
export const wrongCredentials = () =>
  new SlipwayError('unauthenticated', 'The username or password is wrong', {
    hint: 'Check both; after several failures, wait a minute before trying again.',
  });

/**
 * The user if `password` is theirs and they may sign in, otherwise null. An unknown user,
 * one without a password and a disabled one cost the same hashing time as a real check.
 */
export async function checkPassword(
  request: FastifyRequest,
  username: string,
  password: string,
): Promise<UserRecord | null> {
  const found = await passwordOf(request.server.deps.database.db, username);
  if (!found?.hash) return verifyAgainstDummy(password).then(() => null);
  const matches = await verifyPassword(found.hash, password);
  return matches && !found.disabled ? found.user : null;
}

export interface OpenedSession {
  session: SessionRecord;
  csrfToken: string;
}

/**
 * Opens a session for `user`, sets its cookie on the reply, and makes the request its
 * principal from here on, so the audit log names who signed in.
 */
export async function openSession(
  request: FastifyRequest,
  reply: FastifyReply,
  user: UserRecord,
  method: SessionMethod,
): Promise<OpenedSession> {
  const { config, database, platform } = request.server.deps;
  const now = platform.now();
  const { session, secret } = await createSession(
    database.db,
    {
      userId: user.id,
      method,
      ip: request.ip,
      userAgent: String(request.headers['user-agent'] ?? ''),
      expiresAt: new Date(now.getTime() + config.auth.sessionTtlSeconds * 1000),
    },
    now,
  );
  setSessionCookie(reply, secret, session.expiresAt);
  request.principal = {
    userId: user.id,
    username: user.username,
    via: 'session',
    sessionId: session.id,
    scopes: ['read', 'write'],
    expiresAt: session.expiresAt,
  };
  return { session, csrfToken: csrfTokenFor(secret) };
}

export interface SignInLimiter {
  /** Counts one attempt from the request's address and, when known, for the username. */
  check(request: FastifyRequest, reply: FastifyReply, username?: string): Promise<void>;
}

/**
 * Sign-in attempts per address and per username, one budget shared by every way of
 * signing in (session, token for a password, OIDC callback, password change), so guessing
 * does not get a fresh allowance per endpoint. Answered with `rate_limited` and Retry-After.
 */
export function signInLimiter(app: FastifyInstance): SignInLimiter {
  const max = app.deps.config.server.rateLimits.signInsPerMinute;
  const attemptedUser = new WeakMap<FastifyRequest, string>();
  const byAddress = app.createRateLimit({ max, timeWindow: 60_000, keyGenerator: (r) => `sign-in:ip:${r.ip}` });
  const byUser = app.createRateLimit({
    max,
    timeWindow: 60_000,
    keyGenerator: (r) => `sign-in:user:${attemptedUser.get(r) ?? ''}`,
  });
  const refuse = (reply: FastifyReply, retryAfter: number) => {
    reply.header('retry-after', String(retryAfter));
    return new SlipwayError('rate_limited', `Too many sign-in attempts: at most ${max} a minute`, {
      hint: `Try again in ${retryAfter} seconds.`,
    });
  };
  return {
    async check(request, reply, username) {
      const address = await byAddress(request);
      if (!address.isAllowed && address.isExceeded) throw refuse(reply, address.ttlInSeconds);
      if (username === undefined) return;
      attemptedUser.set(request, username);
      const user = await byUser(request);
      if (!user.isAllowed && user.isExceeded) throw refuse(reply, user.ttlInSeconds);
    },
  };
}

import { SlipwayError } from '@slipway/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { findLiveToken, hashSecret, markTokenUsed } from '../db/stores/api-tokens.ts';
import { verifySession } from '../db/stores/sessions.ts';
import { scopeNeeded } from './scopes.ts';
import { clearSessionCookie, csrfHeader, csrfTokenMatches, sessionSecretOf } from './session-cookie.ts';

/** Who is calling: the user, and the API token or browser session they came with. */
export interface Principal {
  userId: string;
  username: string;
  via: 'token' | 'session';
  /** Set when `via` is token. */
  tokenId?: string;
  tokenName?: string;
  /** Set when `via` is session. */
  sessionId?: string;
  scopes: string[];
  expiresAt: Date | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** Routes are private unless they say otherwise: deny by default. */
    public?: boolean;
    /** A POST that only reads (Backstage's by-refs query): a read-scoped token may send it. */
    readOnly?: boolean;
  }
}

/** What a browser session may do: everything its user may (roles decide the rest). */
const sessionScopes = ['read', 'write'];
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every request before routing work starts, with an API token
 * (`Authorization: Bearer`) or the browser session's cookie; the header wins when both come.
 * Only routes that declare `config: { public: true }` (health, the API document, signing in)
 * are reachable without either; an unknown route is answered by the not-found handler.
 * A refusal is thrown as a SlipwayError: the HTTP layer's error handler answers it like any other.
 */
export async function authenticate(request: FastifyRequest, reply: FastifyReply) {
  if (request.routeOptions.config?.public || request.is404) return;
  if (request.headers.authorization !== undefined) return withToken(request);
  const secret = sessionSecretOf(request);
  if (secret) return withSession(request, reply, secret);
  throw unauthenticated('This request needs an API token or a signed-in session');
}

async function withToken(request: FastifyRequest) {
  const secret = bearerSecret(request.headers.authorization);
  if (!secret) throw unauthenticated('This request needs an API token');
  const db = request.server.deps.database.db;
  const now = request.server.deps.platform.now();
  const found = await request.server.authCache.token(hashSecret(secret), now.getTime(), () =>
    findLiveToken(db, secret, now),
  );
  // A remembered token may have expired since: expiry is judged on every request.
  if (!found || (found.token.expiresAt && found.token.expiresAt <= now)) {
    throw unauthenticated('The API token is unknown, expired or revoked');
  }
  await markTokenUsed(db, found.token, now);
  const needed = scopeNeeded(request.method, request.routeOptions.config?.readOnly);
  if (!found.token.scopes.includes(needed)) {
    throw new SlipwayError(
      'forbidden',
      `This token lacks the "${needed}" scope needed for ${request.method} requests`,
      {
        hint: 'Create a token with the scopes it needs: slipway token create NAME --scope read --scope write',
      },
    );
  }
  request.principal = {
    userId: found.user.id,
    username: found.user.username,
    via: 'token',
    tokenId: found.token.id,
    tokenName: found.token.name,
    scopes: found.token.scopes,
    expiresAt: found.token.expiresAt,
  };
}

/**
 * A cookie is sent by the browser on its own, also with requests another site makes it
 * send: so a request that may change something must also prove it comes from a page of
 * Slipway's, with the session's CSRF token in a header no other site can set.
 */
async function withSession(request: FastifyRequest, reply: FastifyReply, secret: string) {
  const found = await verifySession(request.server.deps.database.db, secret, request.server.deps.platform.now());
  if (!found) {
    // The error handler answers with the headers set so far: the cookie is cleared with the refusal.
    clearSessionCookie(reply);
    throw unauthenticated('The session has expired or was signed out');
  }
  if (!safeMethods.has(request.method) && !csrfTokenMatches(request, secret)) {
    throw new SlipwayError('csrf_failed', `A ${request.method} request with a session cookie needs its CSRF token`, {
      hint: `Send the csrfToken of GET /api/v1/auth/session in the ${csrfHeader} header.`,
    });
  }
  request.principal = {
    userId: found.user.id,
    username: found.user.username,
    via: 'session',
    sessionId: found.session.id,
    scopes: sessionScopes,
    expiresAt: found.session.expiresAt,
  };
}

function bearerSecret(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

function unauthenticated(message: string) {
  return new SlipwayError('unauthenticated', message, {
    hint: 'Sign in with `slipway login --server URL --username NAME` (or --token TOKEN), or send `Authorization: Bearer TOKEN`.',
  });
}

/** The caller of an authenticated route (the hook guarantees it is set). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new SlipwayError('unauthenticated', 'This request needs an API token');
  return request.principal;
}

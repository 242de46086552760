import { SlipwayError } from '@slipway/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { verifyToken } from '../db/stores/api-tokens.ts';
import { sendError } from '../http/error-handler.ts';
import { scopeNeeded } from './scopes.ts';

/** Who is calling: the user and the API token they presented. */
export interface Principal {
  userId: string;
  username: string;
  tokenId: string;
  tokenName: string;
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
  }
}

/**
 * Authenticates every request before routing work starts. Only routes that declare
 * `config: { public: true }` (health, readiness, metrics, the API document, the version)
 * are reachable without a valid token; an unknown route is answered by the not-found handler.
 */
export async function authenticate(request: FastifyRequest, reply: FastifyReply) {
  if (request.routeOptions.config?.public || request.is404) return;
  const secret = bearerSecret(request.headers.authorization);
  if (!secret) return sendError(reply, request, unauthenticated('This request needs an API token'));
  const found = await verifyToken(request.server.deps.database.db, secret, new Date());
  if (!found) return sendError(reply, request, unauthenticated('The API token is unknown, expired or revoked'));
  const needed = scopeNeeded(request.method);
  if (!found.token.scopes.includes(needed)) {
    return sendError(
      reply,
      request,
      new SlipwayError('forbidden', `This token lacks the "${needed}" scope needed for ${request.method} requests`, {
        hint: 'Create a token with the scopes it needs: slipway token create NAME --scope read --scope write',
      }),
    );
  }
  request.principal = {
    userId: found.user.id,
    username: found.user.username,
    tokenId: found.token.id,
    tokenName: found.token.name,
    scopes: found.token.scopes,
    expiresAt: found.token.expiresAt,
  };
}

function bearerSecret(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

function unauthenticated(message: string) {
  return new SlipwayError('unauthenticated', message, {
    hint: 'Sign in with `slipway login --server URL --token TOKEN`, or send `Authorization: Bearer TOKEN`.',
  });
}

/** The caller of an authenticated route (the hook guarantees it is set). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new SlipwayError('unauthenticated', 'This request needs an API token');
  return request.principal;
}

import { Type } from '@sinclair/typebox';
import { alreadyExists, invalidInput, SlipwayError } from '@slipway/core';
import type { FastifyRequest } from 'fastify';
import { asTransaction, isSafeReturnTo, OidcClient, type OidcIdentity, transactionTtlMs } from '../../auth/oidc.ts';
import { cookieKey, seal, unseal } from '../../auth/sealed-cookie.ts';
import { cookieName, secureCookies } from '../../auth/session-cookie.ts';
import { openSession, type SignInLimiter } from '../../auth/sign-in.ts';
import {
  createAccount,
  findByOidcIdentity,
  getAccount,
  linkOidcIdentity,
  refreshProfile,
  type UserAccount,
} from '../../db/stores/accounts.ts';
import { syncCatalogTeamsQuietly } from '../../db/stores/catalog-teams.ts';
import { syncOidcTeams } from '../../db/stores/oidc-teams.ts';
import { ErrorResponse } from '../schemas/common.ts';
import type { TypedApp } from '../typed-app.ts';

const purpose = 'oidc-transaction';
const redirect = { 302: Type.Null({ description: 'A redirect' }) };

/**
 * Single sign-on with an OpenID Provider: /auth/oidc/login sends the browser there, the
 * provider sends it back to /auth/oidc/callback, which opens a session. The sign-in in
 * flight (state, nonce, PKCE verifier, where to return) waits in a sealed, HttpOnly cookie
 * that lives ten minutes and is cleared when used.
 */
export function oidcRoutes(app: TypedApp, limiter: SignInLimiter) {
  const { config } = app.deps;
  const oidc = config.auth.oidc ? new OidcClient(config.auth.oidc, config.server.publicUrl) : null;
  const transactionCookie = cookieName(config, 'slipway_oidc');
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: secureCookies(config) };
  const configured = (): OidcClient => {
    if (oidc) return oidc;
    throw new SlipwayError('not_found', 'Single sign-on (OIDC) is not configured on this server', {
      hint: 'Sign in with a username and password, or ask the operator to set auth.oidc (docs/operator-guide.md).',
    });
  };

  app.get(
    '/auth/oidc/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Starts a sign-in with the OpenID Provider: redirects there',
        operationId: 'startOidcSignIn',
        security: [],
        querystring: Type.Object(
          {
            // 1000 characters fit Node's 16 KiB request head even percent-encoded (up to 12 bytes each).
            returnTo: Type.Optional(Type.String({ maxLength: 1000, description: 'A path on this server; default /' })),
          },
          { additionalProperties: false },
        ),
        response: {
          ...redirect,
          400: Type.Ref(ErrorResponse),
          404: Type.Ref(ErrorResponse),
          503: Type.Ref(ErrorResponse),
        },
      },
    },
    async (request, reply) => {
      const client = configured();
      const returnTo = request.query.returnTo ?? '/';
      if (!isSafeReturnTo(returnTo)) {
        throw invalidInput('returnTo must be a path on this server', [
          { path: '/returnTo', message: 'must start with a single / (no other site)', in: 'query' },
        ]);
      }
      const { url, transaction } = await client.start(returnTo, app.deps.platform.now().getTime());
      const sealed = seal(await cookieKey(app.deps.database.db), purpose, transaction);
      reply.setCookie(transactionCookie, sealed, { ...cookieOptions, maxAge: transactionTtlMs / 1000 });
      return reply.redirect(url.href, 302);
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Where the OpenID Provider sends the browser back: opens a session, redirects to returnTo',
        operationId: 'finishOidcSignIn',
        security: [],
        // The provider's parameters (code, state, iss, error...) are read by openid-client.
        querystring: Type.Object({}, { additionalProperties: Type.String() }),
        response: {
          ...redirect,
          401: Type.Ref(ErrorResponse),
          404: Type.Ref(ErrorResponse),
          409: Type.Ref(ErrorResponse),
          429: Type.Ref(ErrorResponse),
          503: Type.Ref(ErrorResponse),
        },
      },
    },
    async (request, reply) => {
      const client = configured();
      await limiter.check(request, reply);
      // Used once: whatever happens next, this browser starts again for another try.
      reply.clearCookie(transactionCookie, cookieOptions);
      const transaction = await transactionOf(request, transactionCookie);
      const identity = await client.finish(queryOf(request), transaction);
      const user = await accountFor(request, identity, client.settings.linkExistingUsers);
      await syncOidcTeams(app.deps.database.db, user.id, identity.groups);
      await openSession(request, reply, user, 'oidc');
      return reply.redirect(isSafeReturnTo(transaction.returnTo) ? transaction.returnTo : '/', 302);
    },
  );
}

async function transactionOf(request: FastifyRequest, name: string) {
  const sealed = request.cookies?.[name];
  const opened = sealed ? unseal(await cookieKey(request.server.deps.database.db), purpose, sealed) : null;
  const transaction = asTransaction(opened);
  if (!transaction || transaction.expires < request.server.deps.platform.now().getTime()) {
    throw new SlipwayError('unauthenticated', 'This sign-in was not started here, has expired, or was already used', {
      hint: 'Start again from the sign-in page (cookies must be enabled).',
    });
  }
  return transaction;
}

function queryOf(request: FastifyRequest): string {
  const at = request.url.indexOf('?');
  return at < 0 ? '' : request.url.slice(at);
}

/**
 * The account of this identity: found by (issuer, subject), never by name alone, since a
 * provider may let people choose their own username. A first sign-in creates the account;
 * if its username is taken, it is linked only when the operator trusts the provider's
 * usernames (auth.oidc.linkExistingUsers) and the account has no other OIDC identity.
 */
async function accountFor(
  request: FastifyRequest,
  identity: OidcIdentity,
  linkExisting: boolean,
): Promise<UserAccount> {
  const db = request.server.deps.database.db;
  const profile = { displayName: identity.displayName, email: identity.email };
  const known = await findByOidcIdentity(db, identity.issuer, identity.subject);
  if (known) {
    if (known.disabledAt) throw disabled();
    await refreshProfile(db, known.id, profile);
    return known;
  }
  const existing = await getAccount(db, identity.username);
  if (!existing) {
    const created = await createAccount(db, { username: identity.username, ...profile, oidc: identity });
    // Groups that already name this user make them a member from their first sign-in.
    await syncCatalogTeamsQuietly(db, request.log);
    return created;
  }
  if (!linkExisting || existing.oidcIssuer || !(await linkOidcIdentity(db, existing.id, identity))) {
    throw alreadyExists(
      `An account named "${identity.username}" already exists and is not linked to this identity provider`,
      'An admin can rename or remove that account, or set auth.oidc.linkExistingUsers to link accounts by username.',
    );
  }
  if (existing.disabledAt) throw disabled();
  await refreshProfile(db, existing.id, profile);
  return existing;
}

const disabled = () =>
  new SlipwayError('unauthenticated', 'This account is disabled', { hint: 'Ask an admin to enable it again.' });

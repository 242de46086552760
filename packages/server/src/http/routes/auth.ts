import { Type } from '@sinclair/typebox';
import { notFound, SlipwayError } from '@slipway/core';
import { principalOf } from '../../auth/authenticate.ts';
import { checkPasswordPolicy, hashPassword, verifyAgainstDummy, verifyPassword } from '../../auth/passwords.ts';
import { tokenScopes } from '../../auth/scopes.ts';
import { clearSessionCookie, csrfTokenFor, sessionSecretOf } from '../../auth/session-cookie.ts';
import { checkPassword, openSession, type SignInLimiter, signInLimiter, wrongCredentials } from '../../auth/sign-in.ts';
import { passwordHashOf, setPasswordHash } from '../../db/stores/accounts.ts';
import { createToken } from '../../db/stores/api-tokens.ts';
import { getSession, listSessions, revokeSession, revokeUserSessions } from '../../db/stores/sessions.ts';
import { getUserById } from '../../db/stores/users.ts';
import { authErrors, ErrorResponse } from '../schemas/common.ts';
import { bearerOrSession, Password, SessionView, sessionView } from '../schemas/users.ts';
import type { TypedApp } from '../typed-app.ts';
import { oidcRoutes } from './oidc.ts';
import { TokenView, tokenView } from './tokens.ts';

const SignedInUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.Union([Type.String(), Type.Null()]),
});

const SessionAnswer = Type.Object(
  {
    user: SignedInUser,
    csrfToken: Type.String({ description: 'Send it in the x-csrf-token header of every POST, PUT, PATCH and DELETE' }),
    expiresAt: Type.String({ format: 'date-time' }),
  },
  { description: 'Signed in; the session cookie is set' },
);

const PasswordSignIn = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);

/** Validation fills it in when a request leaves it out; the handler's fallback says the same. */
const defaultExpiryDays = 30;
const TokenForPassword = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9 ._-]*$' })),
    scopes: Type.Optional(
      Type.Array(Type.Union(tokenScopes.map((s) => Type.Literal(s))), { minItems: 1, uniqueItems: true }),
    ),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: defaultExpiryDays })),
  },
  { additionalProperties: false },
);

const PasswordChange = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 1024 }), newPassword: Password },
  { additionalProperties: false },
);

const rateLimited = { 429: Type.Ref(ErrorResponse) };

/**
 * Signing in and out: browser sessions with a password (OIDC in oidc.ts), API tokens for a
 * password (the CLI's `slipway login --username`), the caller's own sessions and password.
 */
export async function authRoutes(app: TypedApp) {
  const limiter = signInLimiter(app);
  app.get(
    '/auth/methods',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'How one can sign in to this server',
        operationId: 'getSignInMethods',
        security: [],
        response: {
          200: Type.Object(
            {
              password: Type.Boolean(),
              oidc: Type.Union([Type.Object({ loginUrl: Type.String() }), Type.Null()]),
            },
            { description: 'The sign-in methods' },
          ),
        },
      },
    },
    async () => ({
      password: true,
      oidc: app.deps.config.auth.oidc ? { loginUrl: '/api/v1/auth/oidc/login' } : null,
    }),
  );
  sessionRoutes(app, limiter);
  passwordRoutes(app, limiter);
  oidcRoutes(app, limiter);
}

function sessionRoutes(app: TypedApp, limiter: SignInLimiter) {
  const db = () => app.deps.database.db;
  app.post(
    '/auth/session',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Signs in with a username and password; sets the session cookie',
        description:
          'The cookie is HttpOnly and SameSite=Lax. Requests it authenticates that change something must carry the answer’s csrfToken in the x-csrf-token header.',
        operationId: 'createSession',
        security: [],
        body: PasswordSignIn,
        response: { 200: SessionAnswer, 400: Type.Ref(ErrorResponse), 401: Type.Ref(ErrorResponse), ...rateLimited },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      await limiter.check(request, reply, username);
      const user = await checkPassword(request, username, password);
      if (!user) throw wrongCredentials();
      const { session, csrfToken } = await openSession(request, reply, user, 'password');
      return {
        user: { id: user.id, username: user.username, displayName: user.displayName },
        csrfToken,
        expiresAt: session.expiresAt.toISOString(),
      };
    },
  );

  app.get(
    '/auth/session',
    {
      config: { authz: 'self' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user of this browser session, and its CSRF token',
        operationId: 'getSession',
        security: bearerOrSession,
        response: { 200: SessionAnswer, 404: Type.Ref(ErrorResponse), ...authErrors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const secret = sessionSecretOf(request);
      if (p.via !== 'session' || !secret) throw notFound('A browser session', 'This request came with an API token.');
      return {
        user: {
          id: p.userId,
          username: p.username,
          displayName: (await getUserById(db(), p.userId))?.displayName ?? null,
        },
        csrfToken: csrfTokenFor(secret),
        expiresAt: (p.expiresAt ?? app.deps.platform.now()).toISOString(),
      };
    },
  );

  app.delete(
    '/auth/session',
    {
      config: { authz: 'self' },
      schema: {
        tags: ['auth'],
        summary: 'Signs out: revokes this browser session and clears its cookie',
        operationId: 'deleteSession',
        security: bearerOrSession,
        response: { 204: Type.Null({ description: 'Signed out' }), ...authErrors },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      if (p.sessionId) await revokeSession(app.deps.database.db, p.sessionId, app.deps.platform.now());
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/sessions',
    {
      config: { authz: 'self' },
      schema: {
        tags: ['auth'],
        summary: "The caller's live browser sessions",
        operationId: 'listSessions',
        security: bearerOrSession,
        response: {
          200: Type.Object({ items: Type.Array(SessionView) }, { description: 'Most recently used first' }),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const sessions = await listSessions(app.deps.database.db, p.userId, app.deps.platform.now());
      return { items: sessions.map((s) => sessionView(s, p.sessionId)) };
    },
  );

  app.delete(
    '/auth/sessions/:id',
    {
      config: { authz: 'self' },
      schema: {
        tags: ['auth'],
        summary: 'Revokes one of the caller’s browser sessions (e.g. on a lost laptop)',
        operationId: 'revokeSession',
        security: bearerOrSession,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          204: Type.Null({ description: 'Revoked' }),
          400: Type.Ref(ErrorResponse),
          404: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const p = principalOf(request);
      // Someone else's session is reported as missing: its existence is not the caller's business.
      const mine = await getSession(app.deps.database.db, id, p.userId);
      if (!mine) throw notFound(`Session ${id}`);
      await revokeSession(app.deps.database.db, id, app.deps.platform.now());
      if (id === p.sessionId) clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );
}

function passwordRoutes(app: TypedApp, limiter: SignInLimiter) {
  app.put(
    '/auth/password',
    {
      config: { authz: 'self' },
      schema: {
        tags: ['auth'],
        summary: 'Changes the caller’s own password; their other sessions are signed out',
        operationId: 'changeOwnPassword',
        security: bearerOrSession,
        body: PasswordChange,
        response: {
          204: Type.Null({ description: 'Changed' }),
          400: Type.Ref(ErrorResponse),
          ...authErrors,
          ...rateLimited,
        },
      },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = request.body;
      const p = principalOf(request);
      // A stolen session must not become a way to guess the password at full speed.
      await limiter.check(request, reply, p.username);
      const db = app.deps.database.db;
      const current = await passwordHashOf(db, p.userId);
      const matches = current
        ? await verifyPassword(current, currentPassword)
        : await verifyAgainstDummy(currentPassword);
      if (!matches) {
        throw new SlipwayError('forbidden', 'The current password is wrong', {
          fields: [{ path: '/currentPassword', message: 'does not match', in: 'body' }],
          ...(current ? {} : { hint: 'This account has no local password; an admin can set one.' }),
        });
      }
      checkPasswordPolicy(newPassword, '/newPassword', p.username);
      await setPasswordHash(db, p.userId, await hashPassword(newPassword));
      await revokeUserSessions(db, p.userId, { except: p.sessionId, now: app.deps.platform.now() });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/token',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Issues an API token for a username and password (what `slipway login --username` does)',
        description:
          'Scopes read and write unless asked for fewer; expires after 30 days unless asked otherwise. Limited like sign-in.',
        operationId: 'createTokenWithPassword',
        security: [],
        body: TokenForPassword,
        response: {
          201: Type.Object(
            { token: TokenView, secret: Type.String() },
            { description: 'Issued; keep the secret, it is not shown again' },
          ),
          400: Type.Ref(ErrorResponse),
          401: Type.Ref(ErrorResponse),
          409: Type.Ref(ErrorResponse),
          ...rateLimited,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      await limiter.check(request, reply, body.username);
      const user = await checkPassword(request, body.username, body.password);
      if (!user) throw wrongCredentials();
      const now = app.deps.platform.now();
      const created = await createToken(app.deps.database.db, {
        userId: user.id,
        name: body.name ?? `password-${now.toISOString().replaceAll(/[:.]/g, '-')}`,
        scopes: body.scopes ?? ['read', 'write'],
        expiresAt: new Date(now.getTime() + (body.expiresInDays ?? defaultExpiryDays) * 86_400_000),
      });
      request.principal = {
        userId: user.id,
        username: user.username,
        via: 'token',
        tokenId: created.token.id,
        tokenName: created.token.name,
        scopes: created.token.scopes,
        expiresAt: created.token.expiresAt,
      };
      return reply.status(201).send({ token: tokenView(created.token), secret: created.secret });
    },
  );
}

import { Type } from '@sinclair/typebox';
import { notFound } from '@slipway/core';
import { principalOf } from '../../auth/authenticate.ts';
import { type TokenScope, tokenScopes } from '../../auth/scopes.ts';
import { createToken, getToken, listTokens, revokeToken } from '../../db/stores/api-tokens.ts';
import { strictLimit } from '../hardening.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import type { TypedApp } from '../typed-app.ts';

const Scope = Type.Union(tokenScopes.map((s) => Type.Literal(s)));
/** Validation fills it in when a request leaves scopes out; the handler's fallback says the same. */
const defaultScopes: TokenScope[] = ['read', 'write'];

export const TokenView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the secret, to recognise it' }),
  scopes: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const CreateToken = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9 ._-]*$' }),
    scopes: Type.Optional(Type.Array(Scope, { minItems: 1, uniqueItems: true, default: defaultScopes })),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);

/** API tokens of the calling user: for the CLI and for CI systems. */
export async function tokenRoutes(app: TypedApp) {
  app.get(
    '/tokens',
    {
      config: { authz: 'self' },
      schema: {
        tags: ['tokens'],
        summary: "The caller's API tokens (never their secrets)",
        operationId: 'listTokens',
        security: bearer,
        response: {
          200: Type.Object({ items: Type.Array(TokenView) }, { description: 'The tokens, newest first' }),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const tokens = await listTokens(app.deps.database.db, principalOf(request).userId);
      return { items: tokens.map(tokenView) };
    },
  );

  app.post(
    '/tokens',
    {
      config: { ...strictLimit(app), authz: 'self' },
      schema: {
        tags: ['tokens'],
        summary: 'Creates an API token; its secret is shown in this response only',
        operationId: 'createToken',
        security: bearer,
        body: CreateToken,
        response: {
          429: Type.Ref(ErrorResponse),
          201: Type.Object(
            { token: TokenView, secret: Type.String() },
            { description: 'Created; keep the secret, it is not shown again' },
          ),
          400: Type.Ref(ErrorResponse),
          409: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const expiresAt = body.expiresInDays
        ? new Date(app.deps.platform.now().getTime() + body.expiresInDays * 86_400_000)
        : null;
      const created = await createToken(app.deps.database.db, {
        userId: principalOf(request).userId,
        name: body.name,
        scopes: body.scopes ?? defaultScopes,
        expiresAt,
      });
      return reply.status(201).send({ token: tokenView(created.token), secret: created.secret });
    },
  );

  app.delete(
    '/tokens/:id',
    {
      config: { authz: 'self' },
      schema: {
        tags: ['tokens'],
        summary: 'Revokes one of the caller’s API tokens',
        operationId: 'revokeToken',
        security: bearer,
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
      // Someone else's token is reported as missing: its existence is not the caller's business.
      const mine = await getToken(app.deps.database.db, id, principalOf(request).userId);
      if (!mine) throw notFound(`Token ${id}`);
      await revokeToken(app.deps.database.db, id, app.deps.platform.now());
      return reply.status(204).send(null);
    },
  );
}

type TokenRecord = Awaited<ReturnType<typeof listTokens>>[number];

export function tokenView(t: TokenRecord) {
  const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    createdAt: new Date(t.createdAt).toISOString(),
    expiresAt: iso(t.expiresAt),
    lastUsedAt: iso(t.lastUsedAt),
    revokedAt: iso(t.revokedAt),
  };
}

import { Type } from '@sinclair/typebox';
import { errorCodes, roles } from '@slipway/core';

/** The error body every failing route returns; one schema, documented once per response. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.Union(Object.keys(errorCodes).map((c) => Type.Literal(c))),
      message: Type.String(),
      hint: Type.Optional(Type.String()),
      fields: Type.Optional(
        Type.Array(
          Type.Object({
            path: Type.String({ description: 'JSON Pointer to the offending field' }),
            message: Type.String(),
            in: Type.Optional(Type.Union(['body', 'query', 'path', 'header'].map((l) => Type.Literal(l)))),
          }),
        ),
      ),
    }),
  },
  { $id: 'ErrorResponse', description: 'An error: a stable code, a message, and the offending fields' },
);

/** Responses every authenticated route can give besides its own. */
export const authErrors = {
  401: Type.Ref(ErrorResponse),
  403: Type.Ref(ErrorResponse),
} as const;

export const bearer = [{ bearerAuth: [] }];

/** Webhooks take no token: the X-Hub-Signature-256 HMAC of the body authenticates them. */
export const webhookSignature = [{ webhookSignature: [] }];

/** One of Slipway's roles, least to most: viewer, developer, maintainer, admin. */
export const RoleName = Type.Union(
  roles.map((r) => Type.Literal(r)),
  { description: 'viewer < developer < maintainer < admin' },
);

import { Type } from '@sinclair/typebox';
import { notFound, SlipwayError } from '@slipway/core';
import { principalOf } from '../../auth/authenticate.ts';
import { checkPasswordPolicy, hashPassword } from '../../auth/passwords.ts';
import { createAccount, getAccount, listAccounts, updateAccount } from '../../db/stores/accounts.ts';
import { syncCatalogTeamsQuietly } from '../../db/stores/catalog-teams.ts';
import { revokeUserSessions } from '../../db/stores/sessions.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { Email, Password, Username, UserView, userView } from '../schemas/users.ts';
import type { TypedApp } from '../typed-app.ts';

const NewUser = Type.Object(
  {
    username: Username,
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Email),
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);

const UserChanges = Type.Object(
  {
    displayName: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
    email: Type.Optional(Type.Union([Email, Type.Null()])),
    password: Type.Optional(Password),
    disabled: Type.Optional(Type.Boolean({ description: 'true signs the user out everywhere and stops their tokens' })),
  },
  { additionalProperties: false },
);

const UserParams = Type.Object({ username: Username });
const one = (description: string) => Type.Object({ user: UserView }, { description });

/** User administration, for admins: local accounts, passwords, disabling. */
export async function userRoutes(app: TypedApp) {
  const db = () => app.deps.database.db;

  app.get(
    '/users',
    {
      config: { authz: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Every user',
        operationId: 'listUsers',
        security: bearer,
        response: { 200: Type.Object({ items: Type.Array(UserView) }, { description: 'By username' }), ...authErrors },
      },
    },
    async () => ({ items: (await listAccounts(db())).map(userView) }),
  );

  app.get(
    '/users/:username',
    {
      config: { authz: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'One user',
        operationId: 'getUser',
        security: bearer,
        params: UserParams,
        response: { 200: one('The user'), 400: Type.Ref(ErrorResponse), 404: Type.Ref(ErrorResponse), ...authErrors },
      },
    },
    async (request) => {
      const { username } = request.params;
      const user = await getAccount(db(), username);
      if (!user) throw notFound(`User ${username}`);
      return { user: userView(user) };
    },
  );

  app.post(
    '/users',
    {
      config: { authz: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Creates a local account (with a password, it can sign in at once)',
        operationId: 'createUser',
        security: bearer,
        body: NewUser,
        response: {
          201: one('Created'),
          400: Type.Ref(ErrorResponse),
          409: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (body.password !== undefined) checkPasswordPolicy(body.password, '/password', body.username);
      const user = await createAccount(db(), {
        username: body.username,
        displayName: body.displayName,
        email: body.email,
        passwordHash: body.password === undefined ? undefined : await hashPassword(body.password),
      });
      // Groups in the catalog that already name this user make them a member at once.
      await syncCatalogTeamsQuietly(db(), request.log);
      return reply.status(201).send({ user: userView(user) });
    },
  );

  app.patch(
    '/users/:username',
    {
      config: { authz: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Changes a user: name, e-mail, password, or disables them (which signs them out everywhere)',
        operationId: 'updateUser',
        security: bearer,
        params: UserParams,
        body: UserChanges,
        response: {
          200: one('Changed'),
          400: Type.Ref(ErrorResponse),
          404: Type.Ref(ErrorResponse),
          409: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { username } = request.params;
      const body = request.body;
      const caller = principalOf(request);
      if (body.disabled && caller.username === username) {
        throw new SlipwayError('self_disable', 'You cannot disable your own account', {
          hint: 'Another admin can, so that one admin always remains.',
        });
      }
      if (body.password !== undefined) checkPasswordPolicy(body.password, '/password', username);
      const user = await updateAccount(
        db(),
        username,
        {
          displayName: body.displayName,
          email: body.email,
          disabled: body.disabled,
          passwordHash: body.password === undefined ? undefined : await hashPassword(body.password),
        },
        app.deps.platform.now(),
      );
      // A reset password is usually a compromised one: whoever holds a session with it is out.
      if (body.password !== undefined)
        await revokeUserSessions(db(), user.id, { except: caller.sessionId, now: app.deps.platform.now() });
      return { user: userView(user) };
    },
  );
}

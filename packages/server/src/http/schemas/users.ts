import { Type } from '@sinclair/typebox';
import { passwordLength } from '../../auth/passwords.ts';
import type { UserAccount } from '../../db/stores/accounts.ts';
import { usernameMaxLength, usernamePattern } from '../../db/stores/accounts.ts';
import type { SessionRecord } from '../../db/stores/sessions.ts';

/** Routes the CLI (a token) and the portal (the session cookie) both call. */
export const bearerOrSession: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];

export const Username = Type.String({ minLength: 1, maxLength: usernameMaxLength, pattern: usernamePattern });

/** A new password: the schema bounds it; the policy (length, not the username) is checked with the field's path. */
export const Password = Type.String({ maxLength: passwordLength.max });

export const Email = Type.String({ maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' });

/** A user as the API shows it: never a password hash or an OIDC subject. */
export const UserView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  hasPassword: Type.Boolean({ description: 'Whether the user can sign in with a local password' }),
  oidcIssuer: Type.Union([Type.String(), Type.Null()], { description: 'The OpenID Provider they sign in through' }),
  disabled: Type.Boolean(),
  disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

export const SessionView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  method: Type.String({ description: 'How it was opened: password or oidc' }),
  ip: Type.String(),
  userAgent: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time', description: 'Updated at most once a minute' }),
  expiresAt: Type.String({ format: 'date-time' }),
  current: Type.Boolean({ description: 'Whether this request came with it' }),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function userView(u: UserAccount) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    hasPassword: u.hasPassword,
    oidcIssuer: u.oidcIssuer,
    disabled: u.disabledAt !== null,
    disabledAt: iso(u.disabledAt),
    createdAt: u.createdAt.toISOString(),
  };
}

export function sessionView(s: SessionRecord, currentId: string | undefined) {
  return {
    id: s.id,
    method: s.method,
    ip: s.ip,
    userAgent: s.userAgent,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    current: s.id === currentId,
  };
}

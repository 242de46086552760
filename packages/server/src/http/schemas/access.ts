import { Type } from '@sinclair/typebox';
import { RoleName } from './common.ts';
import { DnsLabel } from './releases.ts';

export const Username = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]*$' });

export const TeamView = Type.Object(
  {
    name: Type.String(),
    displayName: Type.String(),
    source: Type.String({ description: 'local (managed here), catalog or oidc (kept in step with that source)' }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'TeamView' },
);

export const Subject = Type.Object(
  {
    kind: Type.Union([Type.Literal('user'), Type.Literal('team')]),
    name: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);

export const Scope = Type.Object(
  {
    kind: Type.Union([Type.Literal('global'), Type.Literal('team'), Type.Literal('service')]),
    team: Type.Optional(DnsLabel),
    service: Type.Optional(DnsLabel),
  },
  { additionalProperties: false, description: 'global; or a team (with `team`); or a service (with `service`)' },
);

export const RoleBindingBody = Type.Object(
  {
    role: RoleName,
    subject: Subject,
    scope: Scope,
    environmentTypes: Type.Array(DnsLabel, {
      default: [],
      maxItems: 50,
      description: 'Only for environments of these types; empty: all',
    }),
  },
  { additionalProperties: false },
);

export const RoleBindingView = Type.Object(
  {
    id: Type.String(),
    ...RoleBindingBody.properties,
    createdBy: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'RoleBindingView' },
);

export const ServiceView = Type.Object(
  {
    name: Type.String(),
    owner: Type.Union([Type.String(), Type.Null()], { description: "The owning team; null: the platform's" }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'ServiceView' },
);

import { Type } from '@sinclair/typebox';
import {
  apiVersion,
  type Caller,
  type CheckResult,
  isAdmin,
  overallStatus,
  SlipwayError,
  slipwayVersion,
} from '@slipway/core';
import { principalOf } from '../../auth/authenticate.ts';
import { callerOf } from '../../auth/authorize.ts';
import { checkCluster } from '../../kube/cluster-check.ts';
import { withTimeout } from '../../util/with-timeout.ts';
import { Scope } from '../schemas/access.ts';
import { authErrors, bearer, RoleName } from '../schemas/common.ts';
import type { TypedApp } from '../typed-app.ts';

const CheckSchema = Type.Object({
  name: Type.String(),
  status: Type.Union([Type.Literal('ok'), Type.Literal('warn'), Type.Literal('fail')]),
  message: Type.String(),
  hint: Type.Optional(Type.String()),
  details: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]))),
});

export async function systemRoutes(app: TypedApp) {
  app.get(
    '/version',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Versions of Slipway and its API',
        operationId: 'getVersion',
        security: [],
        response: {
          200: Type.Object({ slipway: Type.String(), api: Type.String() }, { description: 'The versions' }),
        },
      },
    },
    async () => ({ slipway: slipwayVersion, api: apiVersion }),
  );

  app.get(
    '/whoami',
    {
      config: { authz: 'self' },
      schema: {
        tags: ['system'],
        summary: 'The user making this request, and the token or session they came with',
        operationId: 'getWhoami',
        security: bearer,
        response: {
          200: Type.Object(
            {
              user: Type.Object({ id: Type.String(), username: Type.String() }),
              via: Type.Union([Type.Literal('token'), Type.Literal('session')]),
              token: Type.Optional(
                Type.Object(
                  {
                    id: Type.String(),
                    name: Type.String(),
                    scopes: Type.Array(Type.String()),
                    expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
                  },
                  { description: 'The API token, when the caller came with one' },
                ),
              ),
              session: Type.Optional(
                Type.Object(
                  { id: Type.String(), expiresAt: Type.String({ format: 'date-time' }) },
                  { description: 'The browser session, when the caller came with its cookie' },
                ),
              ),
              access: Type.Object(
                {
                  admin: Type.Boolean({ description: 'A platform admin' }),
                  teams: Type.Array(Type.String()),
                  roles: Type.Array(
                    Type.Object({
                      role: RoleName,
                      via: Type.String({ description: 'user, or team:NAME when held through a team' }),
                      scope: Scope,
                      environmentTypes: Type.Array(Type.String()),
                    }),
                  ),
                },
                { description: 'What the caller may do: their teams and the roles bound to them or their teams' },
              ),
            },
            { description: 'The caller' },
          ),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const expiresAt = p.expiresAt?.toISOString() ?? null;
      const user = { id: p.userId, username: p.username };
      const access = accessView(await callerOf(request));
      if (p.via === 'session') {
        return { user, via: p.via, session: { id: p.sessionId ?? '', expiresAt: expiresAt ?? '' }, access };
      }
      return {
        user,
        via: p.via,
        access,
        token: { id: p.tokenId ?? '', name: p.tokenName ?? '', scopes: p.scopes, expiresAt },
      };
    },
  );

  app.get(
    '/doctor',
    {
      config: { authz: 'platform.read' },
      schema: {
        tags: ['system'],
        summary: 'Checks the server, its database and its Kubernetes cluster',
        description: 'Always answers 200; each part reports ok, warn or fail with a plain-language message.',
        operationId: 'getDoctor',
        security: bearer,
        response: {
          200: Type.Object(
            { status: CheckSchema.properties.status, checks: Type.Array(CheckSchema) },
            { description: 'The verdict (the worst check) and every check' },
          ),
          ...authErrors,
        },
      },
    },
    async () => {
      const checks = [serverCheck(), await databaseCheck(app), await clusterCheck(app)];
      return { status: overallStatus(checks), checks };
    },
  );
}

function serverCheck(): CheckResult {
  return {
    name: 'server',
    status: 'ok',
    message: `Slipway ${slipwayVersion} is serving API ${apiVersion}`,
    details: { version: slipwayVersion, uptimeSeconds: Math.round(process.uptime()), node: process.version },
  };
}

async function databaseCheck(app: TypedApp): Promise<CheckResult> {
  const { database } = app.deps;
  try {
    const ping = await withTimeout(database.ping(), 5000);
    return {
      name: 'database',
      status: 'ok',
      message: `${database.engine === 'pglite' ? 'Embedded PGlite' : 'PostgreSQL'} answers in ${ping.latencyMs} ms`,
      details: { engine: database.engine, serverVersion: ping.serverVersion, migration: ping.migration ?? 'none' },
    };
  } catch (error) {
    return {
      name: 'database',
      status: 'fail',
      message: `The ${database.engine} database does not answer: ${(error as Error).message}`,
    };
  }
}

async function clusterCheck(app: TypedApp): Promise<CheckResult> {
  const { kube } = app.deps;
  if (!kube) {
    return {
      name: 'cluster',
      status: 'fail',
      message: 'No Kubernetes cluster is configured',
      hint: 'Set KUBECONFIG (or kubernetes.kubeconfig in the configuration file); for the local development cluster run testbed/cluster.sh start',
    };
  }
  try {
    const c = await checkCluster(kube);
    const nodesOk = c.nodes.ready > 0;
    return {
      name: 'cluster',
      status: nodesOk ? 'ok' : 'warn',
      message: nodesOk
        ? `Kubernetes ${c.version} at ${c.server} answers in ${c.latencyMs} ms; ${c.nodes.ready}/${c.nodes.total} nodes Ready`
        : `Kubernetes ${c.version} at ${c.server} answers, but no node is Ready: pods cannot run`,
      details: { server: c.server, version: c.version, nodesReady: c.nodes.ready, nodesTotal: c.nodes.total },
    };
  } catch (error) {
    const e = error instanceof SlipwayError ? error : new SlipwayError('unavailable', String(error));
    return { name: 'cluster', status: 'fail', message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  }
}

function accessView(caller: Caller) {
  return {
    admin: isAdmin(caller),
    teams: [...caller.teams],
    roles: caller.bindings.map((b) => ({
      role: b.role,
      via: b.subject.kind === 'user' ? 'user' : `team:${b.subject.name}`,
      scope: b.scope,
      environmentTypes: b.environmentTypes,
    })),
  };
}

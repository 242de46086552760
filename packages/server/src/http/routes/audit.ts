import { Type } from '@sinclair/typebox';
import { queryAudit, verifyAudit } from '../../db/stores/audit.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import type { TypedApp } from '../typed-app.ts';

const AuditEntry = Type.Object(
  {
    seq: Type.Integer({ description: 'Position in the chain, from 1' }),
    at: Type.String({ format: 'date-time' }),
    actor: Type.String({ description: 'The user, github for webhooks, anonymous when unauthenticated' }),
    via: Type.String({ description: 'cli, api-token, portal (a browser session), api, webhook' }),
    action: Type.String({ description: 'The operation (operationId of the API document)' }),
    method: Type.String(),
    route: Type.String(),
    target: Type.String({ description: 'What it acted on, as a path: environments/dev/services/shop' }),
    status: Type.Integer(),
    result: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
    requestId: Type.String(),
    ip: Type.String(),
    detail: Type.Object({}, { additionalProperties: true }),
    prevHash: Type.String(),
    hash: Type.String(),
  },
  { $id: 'AuditEntry' },
);

const Filter = Type.Object(
  {
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    target: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: 'This target and everything below it' }),
    ),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    since: Type.Optional(Type.String({ format: 'date-time' })),
    until: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

type FilterQuery = { actor?: string; target?: string; action?: string; since?: string; until?: string; limit?: number };

/** The audit log: read it, export it, and check that nobody edited it. */
export async function auditRoutes(app: TypedApp) {
  const db = () => app.deps.database.db;
  const common = { tags: ['audit'], security: bearer };
  app.addSchema(AuditEntry);
  const filterOf = (q: FilterQuery) => ({
    actor: q.actor,
    target: q.target,
    action: q.action,
    since: q.since ? new Date(q.since) : undefined,
    until: q.until ? new Date(q.until) : undefined,
  });

  app.get(
    '/audit',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Audit entries, newest first, by actor, target, action and time',
        operationId: 'listAudit',
        querystring: Type.Object(
          { ...Filter.properties, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref(AuditEntry)) }),
          400: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const q = request.query;
      return { items: await queryAudit(db(), { ...filterOf(q), limit: q.limit ?? 100 }) };
    },
  );

  app.get(
    '/audit/export',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'The audit log as JSON lines, oldest first (the same filters)',
        operationId: 'exportAudit',
        querystring: Filter,
        response: {
          // Only the 200 is JSON lines; errors are the usual JSON (a `produces` would relabel them too).
          200: { description: 'One entry per line', content: { 'application/x-ndjson': { schema: Type.String() } } },
          400: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const filter = filterOf(request.query);
      const lines: string[] = [];
      let after = 0;
      for (;;) {
        const batch = await queryAudit(db(), { ...filter, after, limit: 1000, order: 'asc' });
        for (const entry of batch) lines.push(JSON.stringify(entry));
        if (batch.length < 1000) break;
        after = batch.at(-1)?.seq ?? after;
      }
      return reply
        .type('application/x-ndjson')
        .header('content-disposition', 'attachment; filename="slipway-audit.jsonl"')
        .send(lines.length ? `${lines.join('\n')}\n` : '');
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Checks the hash chain: intact, or the first entry that was edited, removed or reordered',
        operationId: 'verifyAudit',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            checked: Type.Integer(),
            broken: Type.Optional(Type.Object({ seq: Type.Integer(), reason: Type.String() })),
          }),
          ...authErrors,
        },
      },
    },
    async () => {
      const { ok, checked, broken } = await verifyAudit(db());
      return { ok, checked, ...(broken ? { broken } : {}) };
    },
  );
}

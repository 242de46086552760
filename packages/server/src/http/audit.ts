import { apiVersion } from '@slipway/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { appendAudit } from '../db/stores/audit.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** What a mutation acted on, when a handler knows better than the URL (e.g. a deploy's environment). */
    auditTarget?: string;
  }
}

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const prefix = `/api/${apiVersion}/`;

/**
 * Every request that could change something — successful, refused or failed — is appended to
 * the audit log before its answer leaves: who (the user, or `anonymous`), through what (CLI,
 * API, webhook, the portal's session), which operation, on which target, with which outcome. Bodies are never
 * recorded: they carry credentials and secrets. Requests to no route at all change nothing
 * and are not recorded.
 */
export function installAudit(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!mutating.has(request.method) || request.is404) return payload;
    try {
      await appendAudit(app.deps.database.db, {
        at: app.deps.platform.now(),
        actor: actorOf(request),
        via: viaOf(request),
        action: String(request.routeOptions.schema?.operationId ?? `${request.method} ${request.routeOptions.url}`),
        method: request.method,
        route: request.routeOptions.url ?? '',
        target: request.auditTarget ?? targetOf(request),
        status: reply.statusCode,
        result: reply.statusCode < 400 ? 'success' : 'failure',
        requestId: String(request.id),
        ip: request.ip,
        detail: detailOf(request),
      });
    } catch (error) {
      // The change (if any) has happened; failing the answer would hide it. Say it loudly instead.
      request.log.error({ err: error }, 'could not append to the audit log');
    }
    return payload;
  });
}

/** A target for resources named in the body (deploys, promotions), as a path like the URL's. */
export function setAuditTarget(request: FastifyRequest, ...parts: string[]): void {
  request.auditTarget = parts.join('/');
}

function actorOf(request: FastifyRequest): string {
  if (request.principal) return request.principal.username;
  return isWebhook(request) ? 'github' : 'anonymous';
}

function viaOf(request: FastifyRequest): string {
  if (isWebhook(request)) return 'webhook';
  if (request.principal?.via === 'session') return 'portal';
  const agent = String(request.headers['user-agent'] ?? '');
  if (agent.startsWith('slipway-cli/')) return 'cli';
  return request.principal ? 'api-token' : 'api';
}

const isWebhook = (request: FastifyRequest) => (request.routeOptions.url ?? '').includes('/webhooks/');

/** The URL's path below the API prefix: `environments/dev/pause`, `releases/…/approve`. */
function targetOf(request: FastifyRequest): string {
  const path = request.url.split('?')[0] ?? '';
  return path.startsWith(prefix) ? path.slice(prefix.length) : path.replace(/^\//, '');
}

function detailOf(request: FastifyRequest): Record<string, unknown> {
  const detail: Record<string, unknown> = {};
  if (request.principal?.tokenName) detail.token = request.principal.tokenName;
  if (request.principal?.sessionId) detail.session = request.principal.sessionId;
  const query = request.query as Record<string, unknown> | undefined;
  if (query && Object.keys(query).length > 0) detail.query = query;
  const agent = request.headers['user-agent'];
  if (agent) detail.userAgent = String(agent).slice(0, 200);
  return detail;
}

import { Type } from '@sinclair/typebox';
import { codeForStatus, type FieldIssue, SlipwayError } from '@slipway/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { invalidJson } from './json-body.ts';
import { type PortalPage, sendPortalPage, wantsPortalPage } from './portal.ts';
import { ErrorResponse } from './schemas/common.ts';

/**
 * The one place where errors become HTTP responses. Domain code throws SlipwayError; the
 * framework's own errors (validation, bad JSON, body too large, wrong content type) are
 * translated here into the same wire shape, so a client sees one error model everywhere.
 * Only an unexpected error becomes a 500, and its details stay in the log.
 */
export function installErrorHandling(app: FastifyInstance, portal: PortalPage | null = null): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const slipwayError = toSlipwayError(error);
    if (slipwayError.code === 'internal') {
      request.log.error({ err: error }, 'unhandled error');
    } else {
      request.log.info({ code: slipwayError.code, message: slipwayError.message }, 'request refused');
    }
    return sendError(reply, request, slipwayError);
  });

  app.setNotFoundHandler((request, reply) => {
    // A browser opening a page of the portal (e.g. /services/checkout) gets the app.
    if (portal && wantsPortalPage(request)) return sendPortalPage(reply, portal);
    return sendError(
      reply,
      request,
      new SlipwayError('not_found', `No route ${request.method} ${request.url.split('?')[0]}`, {
        hint: 'The API is described at /openapi.json.',
      }),
    );
  });

  const routes: Array<{ url: string; methods: string[]; matches: RegExp }> = [];
  app.addHook('onRoute', (route) => {
    routes.push({
      url: route.url,
      methods: [route.method].flat().map((m) => m.toUpperCase()),
      matches: urlMatcher(route.url),
    });
    documentFrameworkErrors(route);
  });
  // A known path asked with a method it does not have is a 405 listing the ones it has
  // (RFC 9110), not a 404; decided before the body is read, so the method alone counts.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.is404) return;
    const path = request.url.split('?')[0] ?? '';
    const allowed = methodsOfPath(routes, path);
    if (allowed.length === 0 || allowed.includes(request.method)) return;
    reply.header('allow', allowed.join(', '));
    return sendError(
      reply,
      request,
      new SlipwayError('method_not_allowed', `${request.method} is not allowed on ${path}`, {
        hint: `This path takes ${allowed.join(', ')}.`,
      }),
    );
  });
}

/** The router's own errors (a malformed URL, an overlong path parameter), in the same wire shape. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  return sendError(reply, request, toSlipwayError(error));
}

/**
 * The methods of the resource a path names. When several patterns match (`/policies/cel/dry-run`
 * and `/policies/cel/:name`), the router picks the most specific, so only its methods count:
 * listing the parameter route's methods would advertise ones the path does not take.
 */
function methodsOfPath(routes: Array<{ url: string; methods: string[]; matches: RegExp }>, path: string): string[] {
  const matching = routes.filter((r) => r.matches.test(path));
  const best = matching.map((r) => r.url).sort(bySpecificity)[0];
  return [...new Set(matching.filter((r) => r.url === best).flatMap((r) => r.methods))];
}

/** Orders URL patterns most specific first: segment by segment, static before `:param` before `*`. */
function bySpecificity(a: string, b: string): number {
  const rank = (part: string | undefined) => (part === undefined ? 3 : part === '*' ? 0 : part.startsWith(':') ? 1 : 2);
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = rank(right[i]) - rank(left[i]);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** A route's URL pattern (`/environments/:name`, `/docs/*`) as a regular expression over paths. */
function urlMatcher(url: string): RegExp {
  const source = url
    .split('/')
    .map((part) =>
      part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}$`);
}

const bodyMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Documents the answers Fastify and the hooks give before a handler runs, on every route they
 * apply to, so the OpenAPI document lists them without each route repeating them: 400 when
 * the route validates input or reads a body, 413 and 415 for a body, 401 and 403 unless the
 * route is public, 429 when it is rate limited, and on every route 431 (client-errors.ts: the
 * HTTP parser's answer to a request line and headers over its limit, before any route is
 * known). A route's own entry for a status wins.
 */
function documentFrameworkErrors(route: RouteOptions): void {
  const schema = route.schema as { hide?: boolean; response?: Record<string, unknown> } & Record<string, unknown>;
  const response = schema?.response;
  if (!response || schema.hide) return;
  const config = route.config as { public?: boolean; rateLimit?: unknown } | undefined;
  const takesBody = [route.method].flat().some((m) => bodyMethods.has(m.toUpperCase()));
  const statuses: number[] = [];
  if (takesBody || schema.body || schema.querystring || schema.params || schema.headers) statuses.push(400);
  if (!config?.public) statuses.push(401, 403);
  if (takesBody) statuses.push(413, 415);
  if (config?.rateLimit) statuses.push(429);
  statuses.push(431);
  const missing = statuses.filter((s) => !(String(s) in response));
  if (missing.length === 0) return;
  route.schema = {
    ...schema,
    response: { ...response, ...Object.fromEntries(missing.map((s) => [s, Type.Ref(ErrorResponse)])) },
  };
}

export function sendError(reply: FastifyReply, request: FastifyRequest, error: SlipwayError) {
  const body = error.toBody();
  if (error.code === 'internal') body.message = `${body.message} (request ${request.id})`;
  return reply.status(error.status).type('application/json').send({ error: body });
}

export function toSlipwayError(error: FastifyError): SlipwayError {
  if (error instanceof SlipwayError) return error;
  if (error.validation) return fromValidation(error);
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new SlipwayError('payload_too_large', 'The request body is larger than this server accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new SlipwayError('unsupported_media_type', `Content type not supported: send application/json`);
    case 'FST_ERR_BAD_URL':
      return new SlipwayError('invalid_input', 'The URL is not valid: a path segment is not well-formed', {
        fields: [{ path: '', message: 'is not a valid URL component', in: 'path' }],
      });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new SlipwayError('invalid_input', 'A path parameter is longer than this server accepts', {
        fields: [{ path: '', message: 'is too long', in: 'path' }],
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new SlipwayError('invalid_input', 'The request body is empty; send a JSON document', {
        fields: [{ path: '', message: 'must not be empty' }],
      });
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return invalidJson(error);
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return new SlipwayError(codeForStatus(status), error.message);
  }
  return new SlipwayError('internal', 'Something went wrong inside Slipway', { cause: error });
}

const locations = { body: 'body', querystring: 'query', params: 'path', headers: 'header' } as const;

/** Turns Ajv's errors into field issues that point at the exact field, missing ones included. */
function fromValidation(error: FastifyError): SlipwayError {
  const where = locations[error.validationContext as keyof typeof locations] ?? 'body';
  const fields: FieldIssue[] = (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    const child = params.missingProperty ?? params.additionalProperty;
    const path = child === undefined ? v.instancePath : `${v.instancePath}/${String(child)}`;
    let message = v.message ?? 'is not valid';
    if (params.additionalProperty !== undefined) message = 'is not a known field';
    if (params.missingProperty !== undefined) message = 'is required';
    return { path, message, in: where };
  });
  const first = fields[0];
  const summary = first ? `${first.path || where} ${first.message}` : 'it does not match the schema';
  return new SlipwayError('invalid_input', `The request is not valid: ${summary}`, { fields });
}

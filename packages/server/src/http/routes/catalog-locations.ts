import { verify } from '@octokit/webhooks-methods';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { invalidInput, SlipwayError } from '@slipway/core';
import { principalOf } from '../../auth/authenticate.ts';
import type { RefreshOutcome } from '../../catalog/service.ts';
import type { CatalogLocationRow } from '../../db/stores/catalog-locations.ts';
import { webhookLimit } from '../hardening.ts';
import { keepRawJson, parseJsonBody } from '../json-body.ts';
import { authErrors, bearer, ErrorResponse, webhookSignature } from '../schemas/common.ts';
import type { TypedApp } from '../typed-app.ts';

const LocationBody = Type.Object(
  {
    type: Type.Union([Type.Literal('git'), Type.Literal('url')], {
      description: 'git: a repository `git clone` reaches; url: one YAML file',
    }),
    target: Type.String({ minLength: 1, maxLength: 2000, description: 'Repository URL or file URL' }),
    ref: Type.Optional(
      Type.String({
        maxLength: 250,
        pattern: '^[A-Za-z0-9._/-]*$',
        description: "Branch or tag; '' or absent: the default branch",
      }),
    ),
    paths: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 500 }), {
        maxItems: 100,
        description: 'Globs of the files to read; default **/catalog-info.yaml',
      }),
    ),
  },
  { additionalProperties: false },
);

const LocationError = Type.Object({
  sourcePath: Type.String(),
  entityRef: Type.String(),
  kind: Type.String({ description: 'yaml | invalid | conflict | fetch' }),
  message: Type.String(),
});

const LocationView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    type: Type.String(),
    target: Type.String(),
    ref: Type.String(),
    paths: Type.Array(Type.String()),
    status: Type.String({ description: 'pending | ok | warning (problems while reading) | error (not readable)' }),
    message: Type.String(),
    revision: Type.String({ description: 'The commit (git) or content digest (url) last read' }),
    refreshedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdBy: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'CatalogLocationView' },
);

const LocationDetail = Type.Object({
  location: Type.Ref(LocationView),
  entities: Type.Integer({ description: 'Entities this location holds' }),
  errors: Type.Array(LocationError),
});

const Outcome = Type.Object({
  result: Type.String({ description: 'refreshed | unchanged | failed' }),
  revision: Type.String(),
  inserted: Type.Optional(Type.Integer()),
  updated: Type.Optional(Type.Integer()),
  deleted: Type.Optional(Type.Integer()),
  conflicts: Type.Optional(Type.Integer()),
  message: Type.Optional(Type.String()),
});

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** Catalog locations: where entities are read from, registered and refreshed by admins. */
export async function catalogLocationRoutes(app: TypedApp) {
  const catalog = () => app.deps.platform.catalog;
  app.addSchema(LocationView);

  app.post(
    '/catalog/locations',
    {
      config: { authz: 'admin' },
      schema: {
        tags: ['catalog'],
        summary: 'Registers a catalog location and reads it at once',
        description:
          'The target must pass catalog.allowedHosts: internal addresses, other git transports, file:// git ' +
          'targets (unless catalog.allowFileUrls) and any url target but http(s) are refused with 400.',
        operationId: 'registerCatalogLocation',
        security: bearer,
        body: LocationBody,
        response: {
          201: Type.Object({ ...LocationDetail.properties, refresh: Outcome }),
          400: Type.Ref(ErrorResponse),
          409: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await catalog().registerLocation(body, principalOf(request).username);
      return reply.status(201).send({ ...detailView(result), refresh: outcomeView(result.outcome) });
    },
  );

  app.get(
    '/catalog/locations',
    {
      config: { authz: 'platform.read' },
      schema: {
        tags: ['catalog'],
        summary: 'Lists catalog locations',
        operationId: 'listCatalogLocations',
        security: bearer,
        response: { 200: Type.Object({ items: Type.Array(Type.Ref(LocationView)) }), ...authErrors },
      },
    },
    async () => ({ items: (await catalog().listLocations()).map(locationView) }),
  );

  app.get(
    '/catalog/locations/:id',
    {
      config: { authz: 'platform.read' },
      schema: {
        tags: ['catalog'],
        summary: 'A catalog location, its entity count and the problems of its last refresh',
        operationId: 'getCatalogLocation',
        security: bearer,
        params: IdParams,
        response: { 200: LocationDetail, 404: Type.Ref(ErrorResponse), ...authErrors },
      },
    },
    async (request) => detailView(await catalog().describeLocation(request.params.id)),
  );

  app.post(
    '/catalog/locations/:id/refresh',
    {
      config: { authz: 'admin' },
      schema: {
        tags: ['catalog'],
        summary: 'Re-reads a catalog location now (unchanged entities are not rewritten)',
        operationId: 'refreshCatalogLocation',
        security: bearer,
        params: IdParams,
        response: {
          200: Type.Object({ ...LocationDetail.properties, refresh: Outcome }),
          404: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const outcome = await catalog().refreshLocation(id, { force: true });
      return { ...detailView(await catalog().describeLocation(id)), refresh: outcomeView(outcome) };
    },
  );

  app.delete(
    '/catalog/locations/:id',
    {
      config: { authz: 'admin' },
      schema: {
        tags: ['catalog'],
        summary: 'Removes a catalog location and the entities read from it',
        operationId: 'deleteCatalogLocation',
        security: bearer,
        params: IdParams,
        response: { 204: Type.Null(), 404: Type.Ref(ErrorResponse), ...authErrors },
      },
    },
    async (request, reply) => {
      await catalog().deleteLocation(request.params.id);
      return reply.status(204).send(null);
    },
  );

  await app.register(catalogWebhook);
}

const PushResult = Type.Object({
  result: Type.String({ description: 'refreshed | ignored' }),
  message: Type.String(),
  locations: Type.Array(Type.Object({ id: Type.String(), ...Outcome.properties })),
});

/**
 * The push webhook (GitHub's format): the locations reading the pushed repository and branch
 * are refreshed. As with the pull-request webhook, the raw body is kept and nothing is acted
 * on before its HMAC-SHA256 signature is checked in constant time.
 */
async function catalogWebhook(app: TypedApp) {
  keepRawJson(app);

  app.post(
    '/webhooks/catalog',
    {
      config: { public: true, ...webhookLimit(app) },
      schema: {
        tags: ['catalog'],
        summary: 'Push webhook: refreshes the catalog locations of the pushed repository',
        description:
          'No API token: GitHub push format, signed with X-Hub-Signature-256 (the secret is catalog.webhookSecret). ' +
          'Locations match on clone_url, ssh_url or html_url and on the pushed branch.',
        operationId: 'catalogPushWebhook',
        security: webhookSignature,
        headers: Type.Object({
          'x-hub-signature-256': Type.Optional(Type.String()),
          'x-github-event': Type.Optional(Type.String()),
        }),
        response: {
          200: PushResult,
          202: PushResult,
          400: Type.Ref(ErrorResponse),
          401: Type.Ref(ErrorResponse),
          429: Type.Ref(ErrorResponse),
          503: Type.Ref(ErrorResponse),
        },
      },
    },
    async (request, reply) => {
      const signature = request.headers['x-hub-signature-256'];
      const body = request.rawBody ?? '';
      const secret = app.deps.config.catalog.webhookSecret;
      if (typeof signature === 'string' && !secret) {
        throw new SlipwayError('not_configured', 'The catalog webhook is not set up on this Slipway', {
          hint: 'Set catalog.webhookSecret (or SLIPWAY_CATALOG_WEBHOOK_SECRET) to the secret of the webhook.',
        });
      }
      if (typeof signature !== 'string' || !secret || !(await verify(secret, body, signature).catch(() => false))) {
        request.log.warn(
          { ip: request.ip, signed: typeof signature === 'string' },
          'refused a catalog webhook with a bad or missing signature',
        );
        throw new SlipwayError('unauthenticated', 'The webhook signature is missing or does not match', {
          hint: 'The webhook secret on the Git host and catalog.webhookSecret must be the same.',
        });
      }
      const event = String(request.headers['x-github-event'] ?? 'push');
      if (event === 'ping') return { result: 'ignored', message: 'pong', locations: [] };
      if (event !== 'push')
        return reply.status(202).send({ result: 'ignored', message: `${event} events are not used`, locations: [] });
      const push = parsePush(body);
      const outcomes = await app.deps.platform.catalog.refreshRepository(push);
      request.log.info({ ref: push.ref, urls: push.urls, locations: outcomes.length }, 'catalog push webhook');
      return {
        result: outcomes.length > 0 ? 'refreshed' : 'ignored',
        message:
          outcomes.length > 0
            ? `${outcomes.length} location(s) refreshed`
            : 'No location reads this repository and branch',
        locations: outcomes.map((o) => ({ id: o.locationId, ...outcomeView(o) })),
      };
    },
  );
}

/** What a push event must hold; the signed raw body has no route schema, so it is checked here. */
const PushPayload = Type.Object({ ref: Type.String(), repository: Type.Record(Type.String(), Type.Unknown()) });

function parsePush(body: string): { urls: string[]; ref: string; defaultBranch?: string } {
  const payload = parseJsonBody(body);
  if (!Value.Check(PushPayload, payload))
    throw invalidInput('Not a push event', [
      { path: '/repository', message: 'a push event names its ref and repository' },
    ]);
  const { repository } = payload;
  const urls = ['clone_url', 'ssh_url', 'html_url', 'git_url', 'url']
    .map((k) => repository[k])
    .filter((u): u is string => typeof u === 'string');
  const defaultBranch = typeof repository.default_branch === 'string' ? repository.default_branch : undefined;
  return { urls, ref: payload.ref, ...(defaultBranch ? { defaultBranch } : {}) };
}

function locationView(l: CatalogLocationRow) {
  return {
    id: l.id,
    type: l.type,
    target: l.target,
    ref: l.ref,
    paths: l.paths,
    status: l.status,
    message: l.message,
    revision: l.revision,
    refreshedAt: l.refreshed_at ? new Date(l.refreshed_at).toISOString() : null,
    createdBy: l.created_by,
    createdAt: new Date(l.created_at).toISOString(),
  };
}

function detailView(d: {
  location: CatalogLocationRow;
  entities: number;
  errors: Array<{ source_path: string; entity_ref: string; kind: string; message: string }>;
}) {
  return {
    location: locationView(d.location),
    entities: d.entities,
    errors: d.errors.map((e) => ({
      sourcePath: e.source_path,
      entityRef: e.entity_ref,
      kind: e.kind,
      message: e.message,
    })),
  };
}

function outcomeView(o: RefreshOutcome) {
  return {
    result: o.result,
    revision: o.revision,
    ...(o.writes
      ? {
          inserted: o.writes.inserted,
          updated: o.writes.updated,
          deleted: o.writes.deleted.length,
          conflicts: o.writes.conflicts,
        }
      : {}),
    ...(o.message ? { message: o.message } : {}),
  };
}

import { verify } from '@octokit/webhooks-methods';
import { Type } from '@sinclair/typebox';
import { invalidInput, parsePullRequestEvent, SlipwayError } from '@slipway/core';
import { requireEnvironmentType } from '../../db/stores/environment-types.ts';
import { getEnvironmentByName } from '../../db/stores/environments.ts';
import {
  deletePreviewSource,
  forgetDelivery,
  listPreviewSources,
  type PreviewSource,
  putPreviewSource,
  recordDelivery,
  recordDeliveryResult,
} from '../../db/stores/preview-sources.ts';
import { setAuditTarget } from '../audit.ts';
import { webhookLimit } from '../hardening.ts';
import { keepRawJson, parseJsonBody } from '../json-body.ts';
import { authErrors, bearer, ErrorResponse, webhookSignature } from '../schemas/common.ts';
import { DnsLabel } from '../schemas/releases.ts';
import type { TypedApp } from '../typed-app.ts';

const SourceBody = Type.Object(
  {
    repository: Type.String({
      pattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$',
      maxLength: 200,
      description: 'owner/name on GitHub',
    }),
    baseEnvironment: DnsLabel,
    environmentType: Type.String({ minLength: 1, maxLength: 63, default: 'preview' }),
    namePattern: Type.String({
      minLength: 1,
      maxLength: 63,
      default: 'pr-{number}',
      description: '{number} and {repo} are replaced',
    }),
    images: Type.Record(Type.String(), Type.String({ minLength: 1, maxLength: 1000 }), {
      propertyNames: { pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
      description: 'Per service, the image of a commit: {sha}, {short_sha}, {number}, {branch} are replaced',
    }),
    ttlSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 31_536_000 })),
  },
  { additionalProperties: false },
);
const SourceView = Type.Object(
  { name: Type.String(), ...SourceBody.properties, updatedAt: Type.String({ format: 'date-time' }) },
  { $id: 'PreviewSourceView' },
);
const WebhookResult = Type.Object({
  result: Type.Union(['created', 'updated', 'deleted', 'ignored', 'duplicate'].map((r) => Type.Literal(r))),
  environment: Type.Optional(Type.String()),
  releases: Type.Optional(Type.Array(Type.String())),
  message: Type.String(),
});

/** Preview environments per pull request: where they come from, and GitHub's webhook. */
export async function previewRoutes(app: TypedApp) {
  const db = () => app.deps.database.db;
  app.addSchema(SourceView);

  app.get(
    '/preview-sources',
    {
      config: { authz: 'platform.read' },
      schema: {
        tags: ['previews'],
        summary: 'Lists preview sources: repositories whose pull requests get preview environments',
        operationId: 'listPreviewSources',
        security: bearer,
        response: { 200: Type.Object({ items: Type.Array(Type.Ref(SourceView)) }), ...authErrors },
      },
    },
    async () => ({ items: (await listPreviewSources(db())).map(view) }),
  );

  app.put(
    '/preview-sources/:name',
    {
      config: { authz: 'admin' },
      schema: {
        tags: ['previews'],
        summary: 'Sets up previews for a repository',
        operationId: 'putPreviewSource',
        security: bearer,
        params: Type.Object({ name: DnsLabel }),
        body: SourceBody,
        response: {
          200: Type.Object({ source: Type.Ref(SourceView) }),
          400: Type.Ref(ErrorResponse),
          409: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { name } = request.params;
      const { repository, ...spec } = request.body;
      await getEnvironmentByName(db(), spec.baseEnvironment).catch(() => {
        throw invalidInput(`There is no environment named ${spec.baseEnvironment}`, [
          { path: '/baseEnvironment', message: 'previews are cloned from an existing environment' },
        ]);
      });
      await requireEnvironmentType(db(), spec.environmentType, '/environmentType');
      return { source: view(await putPreviewSource(db(), name, repository, spec)) };
    },
  );

  app.delete(
    '/preview-sources/:name',
    {
      config: { authz: 'admin' },
      schema: {
        tags: ['previews'],
        summary: 'Stops previews for a repository (existing ones stay until closed or expired)',
        operationId: 'deletePreviewSource',
        security: bearer,
        params: Type.Object({ name: DnsLabel }),
        response: { 204: Type.Null(), 404: Type.Ref(ErrorResponse), ...authErrors },
      },
    },
    async (request, reply) => {
      await deletePreviewSource(db(), request.params.name);
      return reply.status(204).send(null);
    },
  );

  await app.register(githubWebhook);
}

/**
 * GitHub's webhook, in a scope of its own: the body is kept as the bytes that were signed, and
 * nothing is parsed or acted on before the signature (HMAC-SHA256 with the shared secret,
 * compared in constant time) is verified. A bad or missing signature is answered 401 and logged.
 */
async function githubWebhook(app: TypedApp) {
  keepRawJson(app);

  app.post(
    '/webhooks/github',
    {
      config: { public: true, ...webhookLimit(app) },
      schema: {
        tags: ['previews'],
        summary: 'GitHub webhook: pull_request events open, update and close preview environments',
        description:
          'No API token: the body is signed with X-Hub-Signature-256 (the secret is github.webhookSecret; ' +
          '`slipway preview test` sends a signed event, docs/environments.md shows one with openssl and curl). ' +
          'Events: ping, pull_request ' +
          '(opened, reopened, synchronize, closed); others are acknowledged and ignored. Redeliveries (same ' +
          "X-GitHub-Delivery) are answered without acting twice. Events are ordered by the pull request's own " +
          'updated_at: one not newer than the last acted on for that pull request is acknowledged and ignored ' +
          '(updated_at counts whole seconds: within one, an event that moves it forward, opened then synchronize ' +
          'then closed, still acts) ' +
          '(result ignored, the message says why), whatever its delivery id, and a closed pull request comes ' +
          'back only through reopened.',
        operationId: 'githubWebhook',
        security: webhookSignature,
        headers: Type.Object({
          'x-hub-signature-256': Type.Optional(Type.String()),
          'x-github-event': Type.Optional(Type.String()),
          'x-github-delivery': Type.Optional(Type.String()),
        }),
        response: {
          200: WebhookResult,
          202: WebhookResult,
          400: Type.Ref(ErrorResponse),
          401: Type.Ref(ErrorResponse),
          409: Type.Ref(ErrorResponse),
          429: Type.Ref(ErrorResponse),
          503: Type.Ref(ErrorResponse),
        },
      },
    },
    async (request, reply) => {
      const secret = app.deps.config.github.webhookSecret;
      if (!secret) {
        throw new SlipwayError('not_configured', 'GitHub webhooks are not set up on this Slipway', {
          hint: 'Set github.webhookSecret (or SLIPWAY_GITHUB_WEBHOOK_SECRET) to the secret of the webhook.',
        });
      }
      const signature = request.headers['x-hub-signature-256'];
      const body = request.rawBody ?? '';
      if (typeof signature !== 'string' || !(await verify(secret, body, signature).catch(() => false))) {
        request.log.warn(
          { delivery: request.headers['x-github-delivery'], ip: request.ip, signed: typeof signature === 'string' },
          'refused a webhook with a bad or missing signature',
        );
        throw new SlipwayError('unauthenticated', 'The webhook signature is missing or does not match', {
          hint: 'The webhook secret on GitHub and github.webhookSecret must be the same.',
        });
      }
      const event = String(request.headers['x-github-event'] ?? '');
      const delivery = String(request.headers['x-github-delivery'] ?? '');
      const payload = parseJsonBody(body);
      if (event === 'ping') return { result: 'ignored', message: 'pong' };
      if (event !== 'pull_request')
        return reply.status(202).send({ result: 'ignored', message: `${event || 'unnamed'} events are not used` });
      const pr = parsePullRequestEvent(payload);
      setAuditTarget(request, 'github', pr.repository, 'pull', String(pr.number));
      if (delivery && !(await recordDelivery(app.deps.database.db, { id: delivery, event, action: pr.action }))) {
        return { result: 'duplicate', message: `Delivery ${delivery} was handled already` };
      }
      const outcome = await app.deps.platform.previews.handle(pr).catch(async (error) => {
        // Nothing was made: a redelivery of this event should try again.
        if (delivery) await forgetDelivery(app.deps.database.db, delivery);
        throw error;
      });
      if (delivery) await recordDeliveryResult(app.deps.database.db, delivery, `${outcome.result}: ${outcome.message}`);
      request.log.info(
        { delivery, repository: pr.repository, number: pr.number, action: pr.action, ...outcome },
        'pull_request webhook',
      );
      return reply.status(202).send(outcome);
    },
  );
}

function view(s: PreviewSource) {
  return {
    name: s.name,
    repository: s.repository,
    baseEnvironment: s.baseEnvironment,
    environmentType: s.environmentType,
    namePattern: s.namePattern,
    images: s.images,
    ...(s.ttlSeconds !== undefined ? { ttlSeconds: s.ttlSeconds } : {}),
    updatedAt: s.updatedAt.toISOString(),
  };
}

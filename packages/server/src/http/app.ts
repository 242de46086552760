import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { KubeConfig } from '@kubernetes/client-node';
import { apiVersion, maxNestingDepth, scoreLimits, slipwayVersion } from '@slipway/core';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { assemblePlatform, type Platform } from '../assemble.ts';
import { type AuthCache, watchedAuthCache } from '../auth/auth-cache.ts';
import { authenticate } from '../auth/authenticate.ts';
import { authorizeCaller, authorizeObjects } from '../auth/authorize.ts';
import { type FacetCache, watchedFacetCache } from '../catalog/facet-cache.ts';
import type { Config } from '../config/schema.ts';
import type { Database } from '../db/database.ts';
import { installAudit } from './audit.ts';
import { clientErrorHandler, headerLimitBytes } from './client-errors.ts';
import { frameworkErrors, installErrorHandling } from './error-handler.ts';
import { installHardening } from './hardening.ts';
import { installJsonBodies } from './json-body.ts';
import { lazySerializers } from './lazy-serializers.ts';
import { createMetrics, instrument, type Metrics } from './metrics.ts';
import { findPortal, installPortal, sendPortalPage } from './portal.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { catalogBackstageRoutes } from './routes/catalog-backstage.ts';
import { catalogDocsRoutes } from './routes/catalog-docs.ts';
import { catalogEntityRoutes } from './routes/catalog-entities.ts';
import { catalogLocationRoutes } from './routes/catalog-locations.ts';
import { celPolicyRoutes } from './routes/cel-policies.ts';
import { clusterRoutes } from './routes/clusters.ts';
import { deployRoutes } from './routes/deploys.ts';
import { environmentExportRoutes } from './routes/environment-export.ts';
import { environmentTypeRoutes } from './routes/environment-types.ts';
import { environmentRoutes } from './routes/environments.ts';
import { freezeRoutes } from './routes/freezes.ts';
import { healthRoutes } from './routes/health.ts';
import { liveRoutes } from './routes/live.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { policyRoutes } from './routes/policies.ts';
import { previewRoutes } from './routes/previews.ts';
import { promotionRoutes } from './routes/promotions.ts';
import { provisionerRoutes } from './routes/provisioners.ts';
import { releaseRoutes } from './routes/releases.ts';
import { roleBindingRoutes } from './routes/role-bindings.ts';
import { scorecardRoutes } from './routes/scorecards.ts';
import { secretRoutes } from './routes/secrets.ts';
import { serviceRoutes } from './routes/services.ts';
import { systemRoutes } from './routes/system.ts';
import { teamRoutes } from './routes/teams.ts';
import { templateRoutes } from './routes/templates.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { userRoutes } from './routes/users.ts';
import { RoleBindingView, ServiceView, TeamView } from './schemas/access.ts';
import { ErrorResponse } from './schemas/common.ts';
import { EnvironmentView, ReleaseView } from './schemas/releases.ts';
import { exactBodies, rememberBodySchema } from './validation.ts';

/** What the HTTP layer needs from the rest of the server; tests pass real instances. */
export interface AppDeps {
  config: Config;
  database: Database;
  kube: KubeConfig | null;
  metrics?: Metrics;
  /** Deploys, environments, clusters, previews; assembled from the rest when left out (not started). */
  platform?: Platform;
  /** A pino logger; without one the app logs nothing (tests). */
  logger?: FastifyBaseLogger;
}

/** Process-wide state the routes read, e.g. readiness turning false during shutdown. */
export interface AppState {
  shuttingDown: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Required<Omit<AppDeps, 'logger'>>;
    state: AppState;
    /** Tokens and callers remembered between requests (auth/auth-cache.ts). */
    authCache: AuthCache;
    /** Facet counts remembered between catalog changes (catalog/facet-cache.ts). */
    facetCache: FacetCache;
    /** Compiles the response serializers no request has needed yet; answers how many (lazy-serializers.ts). */
    compileSerializers(): number;
  }
}

/** Builds the HTTP application without listening, so tests can call it through `inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const serializers = lazySerializers();
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: deps.config.server.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    return503OnClosing: true,
    // Long path parameters reach the schema (a 400 naming the field) instead of the router's 414.
    routerOptions: { maxParamLength: 2048 },
    frameworkErrors,
    // The HTTP parser's refusals (431 for a request line and headers over the limit) in our error shape.
    clientErrorHandler,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true }, onCreate: exactBodies },
    schemaController: { compilersFactory: { buildSerializer: serializers.buildSerializer } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('compileSerializers', serializers.compileAll);

  const metrics = deps.metrics ?? createMetrics();
  const platform =
    deps.platform ??
    (await assemblePlatform({ config: deps.config, db: deps.database.db, kube: deps.kube, keyRing: null }));
  app.decorate('deps', { config: deps.config, database: deps.database, kube: deps.kube, metrics, platform });
  app.decorate('state', { shuttingDown: false });
  const auth = await watchedAuthCache(deps.database, deps.config.server.authCacheSeconds * 1000);
  app.decorate('authCache', auth.cache);
  app.addHook('onClose', auth.close);
  const facets = await watchedFacetCache(deps.database);
  app.decorate('facetCache', facets.cache);
  app.addHook('onClose', facets.close);

  // The portal is served only when it was built (npm run build); the API works without it.
  const portal = findPortal(deps.config.server.portalDir);
  installErrorHandling(app, portal?.page ?? null);
  app.addHook('onRoute', rememberBodySchema);
  installJsonBodies(app);
  await installHardening(app);
  instrument(app, metrics);
  app.addSchema(ErrorResponse);
  app.addSchema(ReleaseView);
  app.addSchema(EnvironmentView);
  for (const schema of [TeamView, RoleBindingView, ServiceView]) app.addSchema(schema);
  await app.register(swagger, openApiOptions());
  await app.register(cookie);
  app.addHook('onRequest', authenticate);
  app.addHook('preValidation', authorizeCaller);
  app.addHook('preHandler', authorizeObjects);
  installAudit(app);

  await app.register(healthRoutes);
  await app.register(systemRoutes, { prefix: `/api/${apiVersion}` });
  await app.register(tokenRoutes, { prefix: `/api/${apiVersion}` });
  await app.register(authRoutes, { prefix: `/api/${apiVersion}` });
  await app.register(userRoutes, { prefix: `/api/${apiVersion}` });
  for (const routes of [
    clusterRoutes,
    environmentTypeRoutes,
    environmentRoutes,
    environmentExportRoutes,
    deployRoutes,
    promotionRoutes,
    freezeRoutes,
    notificationRoutes,
    releaseRoutes,
    liveRoutes,
    metricsRoutes,
    secretRoutes,
    previewRoutes,
    auditRoutes,
    analyticsRoutes,
    teamRoutes,
    roleBindingRoutes,
    serviceRoutes,
    catalogEntityRoutes,
    catalogDocsRoutes,
    catalogLocationRoutes,
    templateRoutes,
    provisionerRoutes,
    policyRoutes,
    scorecardRoutes,
    celPolicyRoutes,
  ]) {
    await app.register(routes, { prefix: `/api/${apiVersion}` });
  }
  // Where Backstage's catalog client looks: its base URL for the catalog is <host>/api/catalog.
  await app.register(catalogBackstageRoutes, { prefix: '/api/catalog' });

  app.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
  await app.register(apiExplorer);
  if (portal) {
    await installPortal(app, portal.dir);
    app.get('/', { schema: { hide: true }, config: { public: true } }, async (_request, reply) =>
      sendPortalPage(reply, portal.page),
    );
  } else {
    // Without a built portal, the API explorer is what a browser should land on.
    app.get('/', { schema: { hide: true }, config: { public: true } }, async (_request, reply) =>
      reply.redirect('/docs'),
    );
  }
  return app;
}

/**
 * The interactive API explorer at /docs (Swagger UI, served from the npm package, no CDN).
 * Its pages are public; the calls made from it need a token, entered under "Authorize".
 */
async function apiExplorer(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config as object), public: true };
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { persistAuthorization: false, tryItOutEnabled: true },
  });
}

function openApiOptions() {
  const headerLimitKib = Math.floor(headerLimitBytes / 1024);
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Slipway API',
        version: slipwayVersion,
        description: `The HTTP API of Slipway, a self-hosted Internal Developer Platform. Every error has the shape \
\`{ "error": { "code", "message", "fields"?, "hint"? } }\` with a stable code.

## Limits

What a request may hold, whatever the route; each refusal is \`400 invalid_input\` naming the limit and, in \`fields\`, where:
- a request line (path and query string) and headers of at most ${headerLimitKib} KiB together (larger: \
\`431 headers_too_large\`, on every route);
- a body of at most \`server.bodyLimitBytes\` (default 4 MiB; larger: \`413 payload_too_large\`);
- JSON nested at most ${maxNestingDepth} levels of objects and arrays, on every route, signed-in or not (webhooks, \
Score files and catalog cursors included);
- no key named \`__proto__\`, nor a \`constructor\` holding a \`prototype\`, anywhere in a body (they could change \
how objects behave on the server);
- no NUL character in a body, query or path (PostgreSQL text cannot hold one);
- a Score workload as YAML text or as a JSON object: the same limits per field, e.g. an image of at most \
${scoreLimits.image.toLocaleString('en-US')} characters, a variable's value of at most ${scoreLimits.variableValue.toLocaleString('en-US')}, the whole file \
${scoreLimits.document.toLocaleString('en-US')} (all of them in docs/deploying.md).

## Lists

Lists that grow with the company answer a page at a time: \`items\`, and \`nextCursor\` while more may \
follow. Pass it back as \`cursor\` (with the same filters) for the next page; \`limit\` sets the page size. \
A cursor is opaque, and one the server did not hand out is \`400 invalid_input\` naming \`/cursor\`. A list \
holds only what the caller may see: the filter is part of the query, so a page is never short while \
more follow.`,
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http' as const, scheme: 'bearer', description: 'An API token: `slw_...`' },
          sessionCookie: {
            type: 'apiKey' as const,
            in: 'cookie',
            name: 'slipway_session',
            description: 'A browser session (`__Host-slipway_session` over https); changes also need x-csrf-token',
          },
          webhookSignature: {
            type: 'apiKey' as const,
            in: 'header',
            name: 'X-Hub-Signature-256',
            description:
              'No token: `sha256=` and the hex HMAC-SHA256 of the raw body, keyed with the webhook secret, as GitHub signs',
          },
        },
      },
      tags: [
        { name: 'health', description: 'Liveness, readiness and metrics' },
        { name: 'system', description: 'Version, identity and diagnostics' },
        { name: 'auth', description: 'Signing in: passwords, OIDC single sign-on, browser sessions' },
        { name: 'users', description: 'User administration (admins)' },
        { name: 'tokens', description: 'API tokens for the CLI and CI' },
        { name: 'clusters', description: 'Kubernetes clusters environments live on' },
        { name: 'environment types', description: "Platform engineers' rules per kind of environment" },
        { name: 'environments', description: 'Where services are deployed: create, clone, pause, delete' },
        { name: 'provisioners', description: 'How resource types (databases, routes, volumes) are provisioned' },
        { name: 'policies', description: 'The guardrails releases pass: policies, approvals, freezes' },
        { name: 'previews', description: 'Preview environments per pull request' },
        { name: 'access', description: 'Teams, role bindings and service owners: who may do what, where' },
        { name: 'audit', description: 'Who changed what, when, from where: a tamper-evident log' },
        { name: 'deploys', description: 'Deploying Score workloads' },
        { name: 'releases', description: 'Immutable releases: status, diffs, drift, rollback' },
        { name: 'live', description: 'A service in an environment as it runs: live status, Kubernetes Events, logs' },
        { name: 'notifications', description: 'Subscriptions, webhook deliveries (outbox) and the inbox' },
        { name: 'analytics', description: "Delivery analytics (DORA) from the platform's own releases" },
        { name: 'scorecards', description: 'Scorecards: levelled CEL rules about services, their results and history' },
        { name: 'secrets', description: 'Secret variables per service and environment: write-only, sealed at rest' },
        {
          name: 'catalog',
          description:
            'The software catalog: locations, ingestion, search, facets, entities, Backstage-compatible reads',
        },
        {
          name: 'templates',
          description: 'Golden-path templates: run them (or dry-run), run history and live step events',
        },
      ],
    },
    refResolver: {
      buildLocalReference: (json: { $id?: unknown }, _b: unknown, _f: unknown, i: number) =>
        String(json.$id ?? `def-${i}`),
    },
  };
}

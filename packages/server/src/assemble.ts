import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { builtinEnvironmentTypes, type Provisioner } from '@slipway/core';
import type { Kysely } from 'kysely';
import { CatalogService } from './catalog/service.ts';
import type { LocationAllowList } from './catalog/url-policy.ts';
import { ClusterRegistry } from './clusters/registry.ts';
import { ClusterService } from './clusters/service.ts';
import type { Config } from './config/schema.ts';
import type { KeyRing } from './crypto/keyring.ts';
import type { PubSub } from './db/pubsub.ts';
import type { Schema } from './db/schema.ts';
import type { SessionLocks } from './db/session-locks.ts';
import { getClusterById } from './db/stores/clusters.ts';
import { seedEnvironmentTypes } from './db/stores/environment-types.ts';
import { DeployService } from './deploy/service.ts';
import { DriftScanner } from './drift/scanner.ts';
import { DeployEngine, type EngineLogger } from './engine/engine.ts';
import { EnvironmentController } from './environments/controller.ts';
import { GitOpsWriter } from './environments/gitops.ts';
import { EnvironmentService } from './environments/service.ts';
import { Integrations } from './integrations/integrations.ts';
import { singletons } from './leader/singletons.ts';
import { MetricsService } from './metrics/service.ts';
import { prometheusSource } from './metrics/source.ts';
import { type DispatcherOptions, NotificationDispatcher } from './notifications/dispatcher.ts';
import { NotificationRetention } from './notifications/retention.ts';
import { NotificationService } from './notifications/service.ts';
import { GitHubStatuses } from './previews/github-status.ts';
import { PreviewService } from './previews/service.ts';
import { ProvisionerFiles } from './provisioners/files.ts';
import { SecretVariableService } from './secrets/service.ts';
import { ScorecardService } from './standards/scorecards.ts';
import { TemplateService } from './templates/service.ts';
import { defaultTemplatesDir } from './templates/source.ts';
import { type Clock, systemClock } from './util/clock.ts';

/** Every part of Slipway behind the HTTP API, wired once, for the server, tests and benchmarks. */
export interface Platform {
  /** The clock every part of the platform reads; the HTTP layer reads it too. */
  now: Clock;
  clusters: ClusterRegistry;
  clusterService: ClusterService;
  engine: DeployEngine;
  deployments: DeployService;
  environments: EnvironmentService;
  controller: EnvironmentController;
  previews: PreviewService;
  /** Secret variables per service and environment, sealed at rest. */
  secrets: SecretVariableService;
  /** Seals secrets at rest; null only where tests leave it out. */
  keyRing: KeyRing | null;
  /** The software catalog's locations and ingestion. */
  catalog: CatalogService;
  /** Golden-path templates and their runs. */
  templates: TemplateService;
  /** Services' golden signals from Prometheus (kubernetes.prometheus). */
  metrics: MetricsService;
  /** The platform engineers' provisioners (from provisioners.files), matched before the built-in ones. */
  provisioners: ProvisionerFiles;
  /** Scorecards: evaluated when a service's inputs change, and daily on the leader. */
  scorecards: ScorecardService;
  /** Subscriptions, the outbox's deliveries and the inbox. */
  notifications: NotificationService;
  /** Compares standing releases with the cluster every environments.driftScanIntervalSeconds (leader only). */
  drift: DriftScanner;
  /** Starts the engine, the controller and the catalog's refresh schedule. */
  start(): void;
  /** Stops them and closes every cluster connection. */
  stop(): Promise<void>;
}

export interface PlatformDeps {
  config: Config;
  db: Kysely<Schema>;
  kube: KubeConfig | null;
  keyRing: KeyRing | null;
  /** The files (reloadable) or a fixed list; none by default. */
  provisioners?: ProvisionerFiles | readonly Provisioner[];
  seed?: string;
  log?: EngineLogger;
  now?: () => Date;
  /** Engine tick; tests use a shorter one. */
  tickMs?: number;
  /** Where the catalog caches git clones when catalog.cacheDir is not set. */
  catalogCacheDir?: string;
  /** Slipway's own golden paths; the repository's templates/ folder by default. */
  templatesDir?: string;
  /** This process's id in server_instances (main.ts registers it); a fresh one by default. */
  instanceId?: string;
  /** Messages between replicas on one PostgreSQL (Database.pubsub): release changes reach every replica's live views. */
  pubsub?: PubSub | null;
  /** How long changes to one service are gathered before its scorecards are evaluated; tests use a shorter one. */
  scorecardDebounceMs?: number;
  /** Session locks on that PostgreSQL (Database.locks): one replica drives each release. */
  locks?: SessionLocks | null;
  /** No other process uses this database (PGlite): deliveries a crash cut short are due at start. */
  soleServer?: boolean;
  /** Overrides of the dispatcher's timing (tests: short timeouts and retries). */
  notificationOptions?: Partial<DispatcherOptions>;
}

const quiet: EngineLogger = { info() {}, warn() {}, error() {} };

/**
 * What catalog locations and template remotes may reach, from the `catalog` settings; the
 * integrations whose API is plain http may serve Git over http too.
 */
function catalogAllowList(config: Config): LocationAllowList {
  const { allowedHosts, allowFileUrls, fileRoots } = config.catalog;
  const plainHttpGitHosts = config.integrations.filter((i) => i.apiBaseUrl?.startsWith('http://')).map((i) => i.host);
  return { allowedHosts, allowFileUrls, fileRoots, plainHttpGitHosts };
}

function dispatcherOptions(config: Config): Partial<DispatcherOptions> {
  const n = config.notifications;
  return {
    timeoutMs: n.timeoutSeconds * 1000,
    maxAttempts: n.maxAttempts,
    backoff: { baseMs: n.retryBaseMs, maxMs: Math.max(n.retryBaseMs, n.retryMaxMs) },
    perSecond: n.perSecond,
    burst: Math.max(1, Math.ceil(n.perSecond * 2)),
  };
}

export async function assemblePlatform(deps: PlatformDeps): Promise<Platform> {
  const log = deps.log ?? quiet;
  await seedEnvironmentTypes(deps.db, builtinEnvironmentTypes);
  const clusters = new ClusterRegistry({
    db: deps.db,
    defaultKube: deps.kube,
    keyRing: deps.keyRing,
    onWatchError: (error) => log.warn({ err: error }, 'watch failed'),
  });
  const clusterService = new ClusterService(deps.db, clusters, deps.keyRing);
  const prometheus = deps.config.kubernetes.prometheus;
  const metrics = new MetricsService({
    db: deps.db,
    source: prometheus ? prometheusSource(prometheus) : null,
    registered: async (clusterId) => clusterService.prometheusOf(await getClusterById(deps.db, clusterId)),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const integrations = new Integrations(deps.config.integrations);
  const engine = new DeployEngine({
    db: deps.db,
    clusters,
    sampler: metrics,
    gitops: new GitOpsWriter({
      db: deps.db,
      allow: catalogAllowList(deps.config),
      integrations,
    }),
    keyRing: deps.keyRing,
    log,
    locks: deps.locks ?? null,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.tickMs ? { tickMs: deps.tickMs } : {}),
  });
  if (deps.pubsub) await engine.changes.attach(deps.pubsub);
  const provisioners =
    deps.provisioners instanceof ProvisionerFiles ? deps.provisioners : ProvisionerFiles.of(deps.provisioners ?? []);
  if (deps.pubsub) await provisioners.share(deps.pubsub);
  const secrets = new SecretVariableService(deps.db, deps.keyRing);
  const deployments = new DeployService(
    deps.db,
    { engine, clusters },
    {
      provisioners,
      seed: deps.seed ?? '',
      keyRing: deps.keyRing,
      secretVariables: secrets,
      network: { ingressNamespaces: deps.config.kubernetes.ingressNamespaces },
    },
    deps.now,
  );
  const environments = new EnvironmentService({
    db: deps.db,
    clusters,
    deployments,
    engine,
    namespacePrefix: deps.config.environments.namespacePrefix,
    gitopsAllow: catalogAllowList(deps.config),
    log,
    ...(deps.now ? { now: deps.now } : {}),
  });
  const controller = new EnvironmentController({
    db: deps.db,
    environments,
    clusterService,
    intervalMs: deps.config.environments.controllerIntervalMs,
    log,
    releaseChanges: engine.changes,
    ...(deps.now ? { now: deps.now } : {}),
  });
  const statuses = deps.config.github.token
    ? new GitHubStatuses({ apiUrl: deps.config.github.apiUrl, token: deps.config.github.token, log })
    : null;
  const previews = new PreviewService({
    db: deps.db,
    environments,
    deployments,
    statuses,
    log,
    ...(deps.config.server.publicUrl ? { publicUrl: deps.config.server.publicUrl } : {}),
  });
  const scorecards = new ScorecardService({
    db: deps.db,
    now: deps.now ?? systemClock,
    releaseChanges: engine.changes,
    log,
    ...(deps.scorecardDebounceMs !== undefined ? { debounceMs: deps.scorecardDebounceMs } : {}),
  });
  const catalog = new CatalogService({
    db: deps.db,
    cacheDir: deps.config.catalog.cacheDir ?? deps.catalogCacheDir ?? join(tmpdir(), 'slipway-catalog-cache'),
    allow: catalogAllowList(deps.config),
    refreshIntervalSeconds: deps.config.catalog.refreshIntervalSeconds,
    concurrency: deps.config.catalog.concurrency,
    integrations,
    log,
    onComponentsChanged: (names) => {
      for (const name of names) scorecards.requestEvaluation(name);
    },
    ...(deps.now ? { now: deps.now } : {}),
  });
  const templates = new TemplateService({
    db: deps.db,
    allow: catalogAllowList(deps.config),
    catalog,
    deployments,
    templatesDir: deps.templatesDir ?? defaultTemplatesDir,
    integrations,
    instanceId: deps.instanceId ?? randomUUID(),
    log,
  });
  const dispatcher = new NotificationDispatcher({
    db: deps.db,
    keyRing: deps.keyRing,
    allow: catalogAllowList(deps.config),
    now: deps.now ?? systemClock,
    log,
    pubsub: deps.pubsub ?? null,
    portalUrl: deps.config.server.publicUrl ?? null,
    options: { ...dispatcherOptions(deps.config), ...deps.notificationOptions },
  });
  const notifications = new NotificationService({
    db: deps.db,
    keyRing: deps.keyRing,
    allow: catalogAllowList(deps.config),
    now: deps.now ?? systemClock,
    dispatcher,
  });
  const drift = new DriftScanner({
    db: deps.db,
    applierFor: (environmentId) => deployments.applierFor(environmentId),
    keyRing: deps.keyRing,
    now: deps.now ?? systemClock,
    intervalMs: deps.config.environments.driftScanIntervalSeconds * 1000,
    log,
    onChanged: (service) => scorecards.requestEvaluation(service),
  });
  const retention = new NotificationRetention({
    db: deps.db,
    now: deps.now ?? systemClock,
    retentionDays: deps.config.notifications.retentionDays,
    log,
  });
  // Schedules, refreshes, scans and pruning run on one replica at a time; every replica drives releases.
  const once = singletons(
    [controller, catalog, scorecards, drift, retention],
    deps.config.leaderElection,
    deps.kube,
    log,
  );
  return {
    now: deps.now ?? systemClock,
    clusters,
    clusterService,
    engine,
    deployments,
    environments,
    controller,
    previews,
    secrets,
    keyRing: deps.keyRing,
    catalog,
    templates,
    metrics,
    provisioners,
    scorecards,
    notifications,
    drift,
    start() {
      engine.start();
      once.start();
      dispatcher
        .start({ soleServer: deps.soleServer ?? false })
        .catch((error: unknown) => log.error({ err: error }, 'the notification dispatcher did not start'));
    },
    async stop() {
      await dispatcher.stop();
      await templates.drain();
      await once.stop();
      await engine.stop();
      await engine.changes.detach();
      await provisioners.close();
      await clusters.close();
      await metrics.close();
    },
  };
}

/**
 * The CLI's client of the Slipway API: the shared typed client (@slipway/api-client, generated
 * from the OpenAPI document) with what only the CLI needs on top — its token and user agent, a
 * timeout per request (longer where the server talks to a cluster first), the source of the
 * token named when the server refuses it, and network failures in plain words. Every failure is
 * a SlipwayError with a stable code. The request and answer types come from the generated ones
 * (see api-types.ts); none is written out here.
 */
import { type ApiClient, allPages, call, createApiClient } from '@slipway/api-client';
import { SlipwayError, slipwayVersion } from '@slipway/core';
import type {
  AuditQuery,
  CatalogEntityDetail,
  CatalogQuery,
  CelDryRunRequest,
  CelPolicyInput,
  CloneRequest,
  ClusterPrometheusBody,
  DeliveryQuery,
  DeployRequest,
  DiffAnswer,
  DoraQuery,
  DriftAnswer,
  EnvironmentInput,
  InboxQuery,
  LogsQuery,
  NewCatalogLocation,
  NewEnvironment,
  NewFreeze,
  NewNotificationSubscription,
  NewRoleBinding,
  NewToken,
  NewUser,
  PasswordLogin,
  PromotionAnswer,
  PromotionPlan,
  PromotionRequest,
  ProvisionersFile,
  ProvisionerTestRequest,
  ReleaseQuery,
  ScorecardBody,
  ServiceCheckInput,
  TemplateRunRequest,
  UserChanges,
  Whoami,
} from './api-types.ts';
import { unreachable } from './unreachable.ts';

export type * from './api-types.ts';

export interface ClientOptions {
  server: string;
  token?: string | undefined;
  /** Where the token came from, named when the server refuses it. */
  tokenSource?: string | undefined;
  timeoutMs?: number;
}

/** What an openapi-fetch call resolves to. */
interface Sent<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

const defaultTimeoutMs = 10_000;
/** For requests the server answers after talking to a cluster. */
const clusterMs = 60_000;
/** For requests that render, clone a repository or read every object of a release first. */
const slowMs = 120_000;

/** A thin client of the Slipway API: every failure becomes a SlipwayError with a stable code. */
export class SlipwayClient {
  readonly server: string;
  readonly #options: ClientOptions;
  readonly #api: ApiClient;

  constructor(options: ClientOptions) {
    this.server = options.server;
    this.#options = options;
    this.#api = createApiClient({
      baseUrl: options.server,
      headers: {
        accept: 'application/json',
        'user-agent': `slipway-cli/${slipwayVersion}`,
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      refused: (error) => this.#namingTokenSource(error),
    });
  }

  healthz() {
    return this.#call((init) => this.#api.GET('/healthz', init));
  }

  version() {
    return this.#call((init) => this.#api.GET('/api/v1/version', init));
  }

  /** The CLI always sends a token, so the answer names it (a browser session's would not). */
  async whoami(): Promise<Whoami> {
    const me = await this.#call((init) => this.#api.GET('/api/v1/whoami', init));
    if (me.token) return { ...me, token: me.token };
    throw new SlipwayError('unauthenticated', `The server at ${this.server} did not take the request as a token's`, {
      hint: 'Sign in again with `slipway login`.',
    });
  }

  /** The server's checks wait for the cluster (up to 5 s each), so allow more time. */
  doctor() {
    return this.#call((init) => this.#api.GET('/api/v1/doctor', init), 30_000);
  }

  async listTokens() {
    return (await this.#call((init) => this.#api.GET('/api/v1/tokens', init))).items;
  }

  createToken(body: NewToken) {
    return this.#call((init) => this.#api.POST('/api/v1/tokens', { ...init, body }));
  }

  revokeToken(id: string) {
    return this.#call((init) => this.#api.DELETE('/api/v1/tokens/{id}', { ...init, params: { path: { id } } }));
  }

  /** A token for a username and password (`slipway login --username`); no token needed to ask. */
  createTokenWithPassword(body: PasswordLogin) {
    return this.#call((init) => this.#api.POST('/api/v1/auth/token', { ...init, body }));
  }

  /** The cluster answers too: the namespace, its quota and limits are made before the answer. */
  async putEnvironment(name: string, body: EnvironmentInput) {
    const path = { name };
    return (
      await this.#call(
        (init) => this.#api.PUT('/api/v1/environments/{name}', { ...init, params: { path }, body }),
        clusterMs,
      )
    ).environment;
  }

  async createEnvironment(body: NewEnvironment) {
    return (await this.#call((init) => this.#api.POST('/api/v1/environments', { ...init, body }), clusterMs))
      .environment;
  }

  listEnvironments(options: { deleted?: boolean } = {}) {
    return allPages((cursor) => {
      const query = { ...(options.deleted ? { deleted: true } : {}), ...(cursor ? { cursor } : {}), limit: 1000 };
      return this.#call((init) => this.#api.GET('/api/v1/environments', { ...init, params: { query } }));
    });
  }

  async getEnvironment(name: string) {
    const params = { path: { name } };
    return (await this.#call((init) => this.#api.GET('/api/v1/environments/{name}', { ...init, params }))).environment;
  }

  /** Answers at once with status deleting; the environment is gone once getEnvironment is not found. */
  async deleteEnvironment(name: string) {
    const params = { path: { name } };
    return (await this.#call((init) => this.#api.DELETE('/api/v1/environments/{name}', { ...init, params }), clusterMs))
      .environment;
  }

  /** Every service of the source is rendered, checked by the API server and stored: allow time. */
  cloneEnvironment(source: string, body: CloneRequest) {
    const params = { path: { name: source } };
    return this.#call((init) => this.#api.POST('/api/v1/environments/{name}/clone', { ...init, params, body }), slowMs);
  }

  /** The objects Slipway applies to an environment, as files (POST: it may open secrets, so it is audited). */
  exportEnvironment(name: string, options: { includeSecrets: boolean }) {
    const params = { path: { name } };
    const body = options.includeSecrets ? { includeSecrets: true } : {};
    return this.#call((init) => this.#api.POST('/api/v1/environments/{name}/export', { ...init, params, body }));
  }

  pauseEnvironment(name: string) {
    const params = { path: { name } };
    return this.#call((init) => this.#api.POST('/api/v1/environments/{name}/pause', { ...init, params }), clusterMs);
  }

  resumeEnvironment(name: string) {
    const params = { path: { name } };
    return this.#call((init) => this.#api.POST('/api/v1/environments/{name}/resume', { ...init, params }), clusterMs);
  }

  listProvisioners() {
    return this.#call((init) => this.#api.GET('/api/v1/provisioners', init));
  }

  checkProvisioners(body: ProvisionersFile) {
    return this.#call((init) => this.#api.POST('/api/v1/provisioners/check', { ...init, body }));
  }

  /** Renders like a deploy (Helm charts, score-k8s templates): allow time. */
  testProvisioners(body: ProvisionerTestRequest) {
    return this.#call((init) => this.#api.POST('/api/v1/provisioners/test', { ...init, body }), slowMs);
  }

  reloadProvisioners() {
    return this.#call((init) => this.#api.POST('/api/v1/provisioners/reload', init));
  }

  /** The server checks its own cluster for the answer (up to 3 s). */
  async listClusters() {
    return (await this.#call((init) => this.#api.GET('/api/v1/clusters', init), clusterMs)).items;
  }

  /** The server connects to the cluster with the credentials before it stores them. */
  async registerCluster(name: string, kubeconfig: string) {
    const body = { name, kubeconfig };
    return (await this.#call((init) => this.#api.POST('/api/v1/clusters', { ...init, body }), clusterMs)).cluster;
  }

  async checkCluster(name: string) {
    const params = { path: { name } };
    return (await this.#call((init) => this.#api.POST('/api/v1/clusters/{name}/check', { ...init, params }), clusterMs))
      .cluster;
  }

  /** The server queries the Prometheus with these settings before it stores them. */
  async setClusterPrometheus(name: string, body: ClusterPrometheusBody) {
    const params = { path: { name } };
    const path = '/api/v1/clusters/{name}/prometheus';
    return (await this.#call((init) => this.#api.PUT(path, { ...init, params, body }), clusterMs)).cluster;
  }

  removeClusterPrometheus(name: string) {
    const params = { path: { name } };
    return this.#call((init) => this.#api.DELETE('/api/v1/clusters/{name}/prometheus', { ...init, params }));
  }

  removeCluster(name: string) {
    return this.#call((init) => this.#api.DELETE('/api/v1/clusters/{name}', { ...init, params: { path: { name } } }));
  }

  listEnvironmentTypes() {
    return this.#call((init) => this.#api.GET('/api/v1/environment-types', init));
  }

  async getEnvironmentType(name: string) {
    const params = { path: { name } };
    return (await this.#call((init) => this.#api.GET('/api/v1/environment-types/{name}', { ...init, params }))).type;
  }

  /** The DORA figures of a window (docs/analytics.md). */
  getDora(query: DoraQuery) {
    const params = { query: present(query) };
    return this.#call((init) => this.#api.GET('/api/v1/analytics/dora', { ...init, params }), slowMs);
  }

  async listAudit(query: AuditQuery) {
    const params = { query: present(query) };
    return (await this.#call((init) => this.#api.GET('/api/v1/audit', { ...init, params }))).items;
  }

  /** The audit log as JSON lines, oldest first. */
  exportAudit(query: AuditQuery): Promise<string> {
    const params = { query: present(query) };
    return this.#call((init) => this.#api.GET('/api/v1/audit/export', { ...init, params, parseAs: 'text' }), slowMs);
  }

  verifyAudit() {
    return this.#call((init) => this.#api.GET('/api/v1/audit/verify', init), slowMs);
  }

  async listScorecards() {
    return (await this.#call((init) => this.#api.GET('/api/v1/scorecards', init))).items;
  }

  async putScorecard(name: string, body: ScorecardBody) {
    return (
      await this.#call((init) =>
        this.#api.PUT('/api/v1/scorecards/{name}', { ...init, params: { path: { name } }, body }),
      )
    ).scorecard;
  }

  deleteScorecard(name: string) {
    return this.#call((init) => this.#api.DELETE('/api/v1/scorecards/{name}', { ...init, params: { path: { name } } }));
  }

  getScorecardGrid(name: string, team?: string) {
    return this.#call((init) =>
      this.#api.GET('/api/v1/scorecards/{name}/grid', {
        ...init,
        params: { path: { name }, query: team === undefined ? {} : { team } },
      }),
    );
  }

  async getServiceScorecards(service: string) {
    return (
      await this.#call((init) =>
        this.#api.GET('/api/v1/services/{name}/scorecards', { ...init, params: { path: { name: service } } }),
      )
    ).items;
  }

  async listFreezes() {
    return (await this.#call((init) => this.#api.GET('/api/v1/freezes', init))).items;
  }

  async createFreeze(body: NewFreeze) {
    return (await this.#call((init) => this.#api.POST('/api/v1/freezes', { ...init, body }))).freeze;
  }

  async listCelPolicies() {
    return (await this.#call((init) => this.#api.GET('/api/v1/policies/cel', init))).items;
  }

  async putCelPolicy(name: string, body: CelPolicyInput) {
    const params = { path: { name } };
    return (await this.#call((init) => this.#api.PUT('/api/v1/policies/cel/{name}', { ...init, params, body }))).policy;
  }

  deleteCelPolicy(name: string) {
    const params = { path: { name } };
    return this.#call((init) => this.#api.DELETE('/api/v1/policies/cel/{name}', { ...init, params }));
  }

  /** Evaluates a policy over every current release: as long as a deploy's checks, times the releases. */
  dryRunCelPolicy(request: { name: string } | CelDryRunRequest) {
    const params = { query: 'name' in request ? { name: request.name } : {} };
    const body = 'name' in request ? {} : request;
    return this.#call((init) => this.#api.POST('/api/v1/policies/cel/dry-run', { ...init, params, body }), slowMs);
  }

  deleteFreeze(name: string) {
    return this.#call((init) => this.#api.DELETE('/api/v1/freezes/{name}', { ...init, params: { path: { name } } }));
  }

  async listNotificationSubscriptions() {
    return (await this.#call((init) => this.#api.GET('/api/v1/notifications/subscriptions', init))).items;
  }

  createNotificationSubscription(body: NewNotificationSubscription) {
    return this.#call((init) => this.#api.POST('/api/v1/notifications/subscriptions', { ...init, body }));
  }

  deleteNotificationSubscription(id: string) {
    const params = { path: { id } };
    return this.#call((init) => this.#api.DELETE('/api/v1/notifications/subscriptions/{id}', { ...init, params }));
  }

  testNotificationSubscription(id: string) {
    const params = { path: { id } };
    return this.#call((init) => this.#api.POST('/api/v1/notifications/subscriptions/{id}/test', { ...init, params }));
  }

  async listNotificationDeliveries(query: DeliveryQuery) {
    const params = { query: present(query) };
    return (await this.#call((init) => this.#api.GET('/api/v1/notifications/deliveries', { ...init, params }))).items;
  }

  redeliverNotification(id: string) {
    const params = { path: { id } };
    return this.#call((init) => this.#api.POST('/api/v1/notifications/deliveries/{id}/redeliver', { ...init, params }));
  }

  listInbox(query: InboxQuery) {
    const params = { query: present(query) };
    return this.#call((init) => this.#api.GET('/api/v1/inbox', { ...init, params }));
  }

  markInboxRead(ids?: string[]) {
    return this.#call((init) => this.#api.POST('/api/v1/inbox/read', { ...init, body: ids ? { ids } : {} }));
  }

  async listUsers() {
    return (await this.#call((init) => this.#api.GET('/api/v1/users', init))).items;
  }

  async getUser(username: string) {
    const params = { path: { username } };
    return (await this.#call((init) => this.#api.GET('/api/v1/users/{username}', { ...init, params }))).user;
  }

  /** The server hashes a password first (deliberately slow): allow more than the default time. */
  async createUser(body: NewUser) {
    return (await this.#call((init) => this.#api.POST('/api/v1/users', { ...init, body }), clusterMs)).user;
  }

  async updateUser(username: string, body: UserChanges) {
    const params = { path: { username } };
    return (
      await this.#call((init) => this.#api.PATCH('/api/v1/users/{username}', { ...init, params, body }), clusterMs)
    ).user;
  }

  async listTeams() {
    return (await this.#call((init) => this.#api.GET('/api/v1/teams', init))).items;
  }

  getTeam(name: string) {
    return this.#call((init) => this.#api.GET('/api/v1/teams/{name}', { ...init, params: { path: { name } } }));
  }

  async createTeam(body: { name: string; displayName?: string }) {
    return (await this.#call((init) => this.#api.POST('/api/v1/teams', { ...init, body }))).team;
  }

  deleteTeam(name: string) {
    return this.#call((init) => this.#api.DELETE('/api/v1/teams/{name}', { ...init, params: { path: { name } } }));
  }

  async addTeamMember(team: string, username: string) {
    const params = { path: { name: team, username } };
    return (await this.#call((init) => this.#api.PUT('/api/v1/teams/{name}/members/{username}', { ...init, params })))
      .members;
  }

  removeTeamMember(team: string, username: string) {
    const params = { path: { name: team, username } };
    return this.#call((init) => this.#api.DELETE('/api/v1/teams/{name}/members/{username}', { ...init, params }));
  }

  async listRoleBindings(filter: { user?: string; team?: string; service?: string } = {}) {
    const params = { query: present(filter) };
    return (await this.#call((init) => this.#api.GET('/api/v1/role-bindings', { ...init, params }))).items;
  }

  async createRoleBinding(body: NewRoleBinding) {
    return (await this.#call((init) => this.#api.POST('/api/v1/role-bindings', { ...init, body }))).binding;
  }

  deleteRoleBinding(id: string) {
    return this.#call((init) => this.#api.DELETE('/api/v1/role-bindings/{id}', { ...init, params: { path: { id } } }));
  }

  listServices() {
    return allPages((cursor) => {
      const query = { ...(cursor ? { cursor } : {}), limit: 1000 };
      return this.#call((init) => this.#api.GET('/api/v1/services', { ...init, params: { query } }));
    });
  }

  async createService(body: { name: string; owner?: string }) {
    return (await this.#call((init) => this.#api.POST('/api/v1/services', { ...init, body }))).service;
  }

  async setServiceOwner(name: string, owner: string | null) {
    const params = { path: { name } };
    const body = { owner };
    return (await this.#call((init) => this.#api.PATCH('/api/v1/services/{name}', { ...init, params, body }))).service;
  }

  async getServiceVerification(name: string) {
    const params = { path: { name } };
    return (await this.#call((init) => this.#api.GET('/api/v1/services/{name}/verification', { ...init, params })))
      .checks;
  }

  async setServiceVerification(name: string, checks: ServiceCheckInput[]) {
    const params = { path: { name } };
    const body = { checks };
    return (
      await this.#call((init) => this.#api.PUT('/api/v1/services/{name}/verification', { ...init, params, body }))
    ).checks;
  }

  async listSecrets(service: string) {
    const params = { path: { service } };
    return (await this.#call((init) => this.#api.GET('/api/v1/services/{service}/secrets', { ...init, params }))).items;
  }

  async setSecret(service: string, name: string, body: { value: string; environment?: string }) {
    const params = { path: { service, name } };
    const path = '/api/v1/services/{service}/secrets/{name}';
    return (await this.#call((init) => this.#api.PUT(path, { ...init, params, body }))).secret;
  }

  deleteSecret(service: string, name: string, environment?: string) {
    const params = { path: { service, name }, query: environment ? { environment } : {} };
    return this.#call((init) => this.#api.DELETE('/api/v1/services/{service}/secrets/{name}', { ...init, params }));
  }

  listCatalogEntities(query: CatalogQuery) {
    const params = { query: present(query) };
    return this.#call((init) => this.#api.GET('/api/v1/catalog/entities', { ...init, params }));
  }

  async getCatalogEntity(kind: string, namespace: string, name: string): Promise<CatalogEntityDetail> {
    const params = { path: { kind, namespace, name } };
    return readAs(
      await this.#call((init) =>
        this.#api.GET('/api/v1/catalog/entities/{kind}/{namespace}/{name}', { ...init, params }),
      ),
    );
  }

  /** Reading the repository happens before the answer: allow time for a clone. */
  async registerCatalogLocation(body: NewCatalogLocation) {
    return (await this.#call((init) => this.#api.POST('/api/v1/catalog/locations', { ...init, body }), slowMs))
      .location;
  }

  async refreshCatalogLocation(id: string) {
    const params = { path: { id } };
    const path = '/api/v1/catalog/locations/{id}/refresh';
    return (await this.#call((init) => this.#api.POST(path, { ...init, params }), slowMs)).location;
  }

  async listCatalogLocations() {
    return (await this.#call((init) => this.#api.GET('/api/v1/catalog/locations', init))).items;
  }

  /** Rendering, provisioning and the API server's dry run happen before the answer: allow time. */
  deploy(body: DeployRequest) {
    return this.#call((init) => this.#api.POST('/api/v1/deploys', { ...init, body }), slowMs);
  }

  /** What promoting would change, without changing anything. */
  async planPromotion(input: PromotionRequest): Promise<PromotionPlan> {
    const body = { ...input, dryRun: true };
    return readAs(await this.#call((init) => this.#api.POST('/api/v1/promotions', { ...init, body }), slowMs));
  }

  async promote(body: PromotionRequest): Promise<PromotionAnswer> {
    return readAs(await this.#call((init) => this.#api.POST('/api/v1/promotions', { ...init, body }), slowMs));
  }

  async approveRelease(id: string, comment?: string) {
    const params = { path: { id } };
    const body = comment === undefined ? {} : { comment };
    return (await this.#call((init) => this.#api.POST('/api/v1/releases/{id}/approve', { ...init, params, body })))
      .release;
  }

  async rejectRelease(id: string, comment?: string) {
    const params = { path: { id } };
    const body = comment === undefined ? {} : { comment };
    return (await this.#call((init) => this.#api.POST('/api/v1/releases/{id}/reject', { ...init, params, body })))
      .release;
  }

  async listReleases(query: ReleaseQuery) {
    const params = { query: present(query) };
    return (await this.#call((init) => this.#api.GET('/api/v1/releases', { ...init, params }))).items;
  }

  async getRelease(id: string) {
    const params = { path: { id } };
    return (await this.#call((init) => this.#api.GET('/api/v1/releases/{id}', { ...init, params }))).release;
  }

  /** What release `id` changes against `against` (default: the release before it). */
  async diffRelease(id: string, against?: string, all = false): Promise<DiffAnswer> {
    const params = { path: { id }, query: { ...(against ? { against } : {}), ...(all ? { all } : {}) } };
    return readAs(await this.#call((init) => this.#api.GET('/api/v1/releases/{id}/diff', { ...init, params })));
  }

  /** The server reads every object of the release from the cluster. */
  async driftOf(id: string): Promise<DriftAnswer> {
    const params = { path: { id } };
    return readAs(
      await this.#call((init) => this.#api.GET('/api/v1/releases/{id}/drift', { ...init, params }), clusterMs),
    );
  }

  rollback(id: string, reason?: string) {
    const params = { path: { id } };
    const body = reason === undefined ? {} : { reason };
    return this.#call((init) => this.#api.POST('/api/v1/releases/{id}/rollback', { ...init, params, body }));
  }

  serviceStatus(service: string, environment: string) {
    const params = { path: { service, environment } };
    const path = '/api/v1/services/{service}/environments/{environment}';
    return this.#call((init) => this.#api.GET(path, { ...init, params }));
  }

  /** The Kubernetes Events of a service's objects in an environment, newest first. */
  async serviceEvents(service: string, environment: string, limit: number) {
    const params = { path: { service, environment }, query: { limit } };
    const path = '/api/v1/services/{service}/environments/{environment}/events';
    return (await this.#call((init) => this.#api.GET(path, { ...init, params }))).items;
  }

  /** A service's golden signals over the last `sinceSeconds` (docs/metrics.md). */
  serviceMetrics(service: string, environment: string, sinceSeconds: number) {
    const params = { path: { service, environment }, query: { sinceSeconds } };
    const path = '/api/v1/services/{service}/environments/{environment}/metrics';
    return this.#call((init) => this.#api.GET(path, { ...init, params }), slowMs);
  }

  /** The last lines of a service's containers (without follow). */
  async serviceLogs(service: string, environment: string, query: LogsQuery) {
    const params = { path: { service, environment }, query: { ...query, follow: false } };
    const path = '/api/v1/services/{service}/environments/{environment}/logs';
    const answer = await this.#call((init) => this.#api.GET(path, { ...init, params }));
    // The document gives this path two answers; without follow it is the JSON one.
    if (!answer || !('lines' in answer))
      throw new SlipwayError('internal', 'The server answered the logs with an event stream');
    return answer;
  }

  /**
   * The open event stream of a service's logs as they are written (follow=true); the caller
   * reads the body. No timeout: it lasts until the logs end or `signal` ends it. A refusal
   * (unknown service, no logs) is the server's error.
   */
  async serviceLogStream(service: string, environment: string, query: LogsQuery, signal?: AbortSignal) {
    const params = { path: { service, environment }, query: { ...query, follow: true } };
    const path = '/api/v1/services/{service}/environments/{environment}/logs';
    let result: { response: Response; error?: unknown };
    try {
      result = await this.#api.GET(path, {
        params,
        headers: { accept: 'text/event-stream' },
        parseAs: 'stream',
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw error instanceof SlipwayError ? error : unreachable(this.server, error, 0);
    }
    return result.response;
  }

  async listTemplates() {
    return (await this.#call((init) => this.#api.GET('/api/v1/templates', init))).items;
  }

  async getTemplate(namespace: string, name: string) {
    const params = { path: { namespace, name } };
    return (await this.#call((init) => this.#api.GET('/api/v1/templates/{namespace}/{name}', { ...init, params })))
      .template;
  }

  /** A dry run renders the files before the answer: allow time for a clone of a catalog template. */
  async runTemplate(namespace: string, name: string, body: TemplateRunRequest) {
    const params = { path: { namespace, name } };
    const path = '/api/v1/templates/{namespace}/{name}/runs';
    return (await this.#call((init) => this.#api.POST(path, { ...init, params, body }), slowMs)).run;
  }

  async listTemplateRuns() {
    return (await this.#call((init) => this.#api.GET('/api/v1/template-runs', init))).items;
  }

  async getTemplateRun(id: string) {
    const params = { path: { id } };
    return (await this.#call((init) => this.#api.GET('/api/v1/template-runs/{id}', { ...init, params }))).run;
  }

  /**
   * The open server-sent event stream of a run, after event `lastEventId`; the caller reads the
   * body. No timeout: pushing and deploying take what they take, and `signal` can end it.
   */
  async templateRunEvents(id: string, lastEventId: number, signal?: AbortSignal): Promise<Response> {
    const params = {
      path: { id },
      header: lastEventId > 0 ? { 'last-event-id': String(lastEventId) } : {},
    };
    try {
      const { response } = await this.#api.GET('/api/v1/template-runs/{id}/events', {
        params,
        headers: { accept: 'text/event-stream' },
        parseAs: 'stream',
        ...(signal ? { signal } : {}),
      });
      return response;
    } catch (error) {
      throw error instanceof SlipwayError ? error : unreachable(this.server, error, 0);
    }
  }

  /**
   * A GitHub webhook delivery, as GitHub sends it: no token, the body's exact bytes with their
   * signature. Opening a preview clones an environment first: the cluster's timeout.
   */
  async sendGithubWebhook(delivery: { event: string; delivery: string; signature: string; body: string }) {
    const params = {
      header: {
        'x-hub-signature-256': delivery.signature,
        'x-github-event': delivery.event,
        'x-github-delivery': delivery.delivery,
      },
    };
    return this.#call(
      (init) =>
        this.#api.POST('/api/v1/webhooks/github', {
          ...init,
          params,
          // The route declares no body schema (it reads the raw bytes); the signed text goes as it is.
          body: delivery.body as never,
          bodySerializer: () => delivery.body,
          headers: { 'content-type': 'application/json' },
        }),
      clusterMs,
    );
  }

  /** Sends one request with its timeout; what fails on the way is a SlipwayError. */
  async #call<T>(
    send: (init: { signal: AbortSignal }) => Promise<Sent<T>>,
    timeoutMs = this.#options.timeoutMs ?? defaultTimeoutMs,
  ): Promise<NonNullable<T>> {
    try {
      return await call(send({ signal: AbortSignal.timeout(timeoutMs) }));
    } catch (error) {
      throw error instanceof SlipwayError ? error : unreachable(this.server, error, timeoutMs);
    }
  }

  /** A refused token is easier to fix knowing where it came from (flag, variable, config file). */
  #namingTokenSource(error: SlipwayError): SlipwayError {
    const source = this.#options.tokenSource;
    if (error.code !== 'unauthenticated' || !source || !this.#options.token) return error;
    return new SlipwayError(error.code, `${error.message} (token from ${source})`, {
      ...(error.fields ? { fields: error.fields } : {}),
      ...(error.hint ? { hint: error.hint } : {}),
    });
  }
}

/** A query without the filters left out or empty, so none is sent as `?actor=`. */
function present<Q extends object>(query: Q): Q {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')) as Q;
}

/**
 * An answer whose open fields (objects of any keys in the OpenAPI document) the CLI reads as the
 * core types the server builds them from; see `Pinned` in api-types.ts.
 */
function readAs<T>(answer: object): T {
  return answer as T;
}

import {
  type ChainedEntry,
  type CheckResult,
  type CheckStatus,
  codeForStatus,
  type Drift,
  type ErrorBody,
  isErrorCode,
  type ReleaseDiff,
  type RolloutAssessment,
  SlipwayError,
  slipwayVersion,
} from '@slipway/core';

/** The answers of the API routes the CLI uses (the server's OpenAPI document is the reference). */
export interface VersionInfo {
  slipway: string;
  api: string;
}

export interface Whoami {
  user: { id: string; username: string };
  token: { id: string; name: string; scopes: string[]; expiresAt: string | null };
  /** The caller's teams and roles (servers from 0.6 on). */
  access?: {
    admin: boolean;
    teams: string[];
    roles: Array<{ role: RoleName; via: string; scope: RoleScope; environmentTypes: string[] }>;
  };
}

export interface DoctorAnswer {
  status: CheckStatus;
  checks: CheckResult[];
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface PasswordLogin {
  username: string;
  password: string;
  name?: string;
  expiresInDays?: number;
}

export interface NewToken {
  name: string;
  scopes?: string[];
  expiresInDays?: number;
}

/** A pause schedule: cron expressions in a time zone (UTC when left out). */
export interface PauseSchedule {
  pause: string;
  resume: string;
  timezone?: string;
}

/** The settings of PUT /environments/{name}; POST /environments adds the name. */
export interface EnvironmentInput {
  type: string;
  cluster?: string;
  namespace?: string;
  domain?: string;
  routeKind?: 'Ingress' | 'HTTPRoute';
  defaults?: { replicas?: number; progressDeadlineSeconds?: number };
  /** null removes the schedule; left out keeps it. */
  schedule?: PauseSchedule | null;
  /** Seconds until it is deleted, from now; 0: never. */
  ttlSeconds?: number;
}

export interface NewEnvironment extends EnvironmentInput {
  name: string;
  /** The owning team; left out, the caller's only team. */
  owner?: string;
}

export type EnvironmentStatus = 'active' | 'paused' | 'deleting' | 'deleted';

export interface EnvironmentView {
  name: string;
  type: string;
  /** The cluster it lives on; `default` is Slipway's own. */
  cluster: string;
  namespace: string;
  status: EnvironmentStatus;
  domain?: string;
  routeKind: 'Ingress' | 'HTTPRoute';
  ingressClassName?: string;
  gateway?: { name: string; namespace?: string };
  /** The type's defaults with this environment's overrides. */
  defaults: { replicas?: number; progressDeadlineSeconds?: number; [key: string]: unknown };
  overrides: Record<string, unknown>;
  schedule: Required<PauseSchedule> | null;
  expiresAt: string | null;
  pausedAt: string | null;
  /** Where it came from: a clone (`{ kind: 'clone', from }`) or the preview of a pull request. */
  origin: Record<string, unknown> | null;
  createdBy: string;
  /** The owning team; null: shared, the platform's. */
  owner?: string | null;
  createdAt: string;
}

export interface CloneRequest {
  name: string;
  owner?: string;
  type?: string;
  cluster?: string;
  namespace?: string;
  ttlSeconds?: number;
  /** New images by service name. */
  images?: Record<string, string>;
}

export interface CloneAnswer {
  environment: EnvironmentView;
  /** How many services were deployed into the clone. */
  releases: number;
  warnings: string[];
}

export interface PauseAnswer {
  environment: EnvironmentView;
  /** Deployments and StatefulSets scaled (down to zero, or back up). */
  scaledDown: number;
  /** CronJobs suspended (or let go again). */
  suspended: number;
}

export interface ClusterView {
  name: string;
  server: string;
  source: 'configuration' | 'registered';
  /** healthy, unreachable or unknown (not checked yet). */
  status: string;
  version: string | null;
  message: string;
  checkedAt: string | null;
  createdBy: string | null;
}

export interface EnvironmentTypeView {
  name: string;
  description: string;
  defaults: Record<string, unknown>;
  quota?: Record<string, string>;
  limits?: Record<string, unknown>;
  /** Provisioner ids allowed; all when left out. */
  provisioners?: string[];
  policies: string[];
  requiresApproval: boolean;
  approvalTtlSeconds: number;
  /** Environments of this type are deleted after this long; null: they stay. */
  ttlSeconds: number | null;
}

export type FreezeMode = 'block' | 'warn';

export interface NewFreeze {
  name: string;
  startsAt: string;
  endsAt: string;
  mode: FreezeMode;
  reason: string;
  environmentTypes: string[];
  environments: string[];
}

export interface FreezeView extends NewFreeze {
  createdBy: string;
  createdAt: string;
}

/** A secret variable without its value: the server never returns values. */
export interface SecretVariableView {
  name: string;
  /** The environment it is set for; null: every environment without its own value. */
  environment: string | null;
  version: number;
  createdBy: string;
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface DeployRequest {
  environment: string;
  /** The owning team of a service deployed for the first time. */
  owner?: string;
  /** The Score file's text. */
  workload: string;
  service?: string;
  image?: string;
  commit?: string;
  reason?: string;
  autoRollback?: boolean;
  /** Contents of the files the Score file names by `source`, keyed by the path as written there. */
  files?: Record<string, string>;
}

export type ReleaseStatus =
  | 'pending_approval'
  | 'rejected'
  | 'expired'
  | 'queued'
  | 'applying'
  | 'progressing'
  | 'healthy'
  | 'degraded'
  | 'failed'
  | 'superseded';

export interface ApprovalView {
  decision: 'approved' | 'rejected' | 'expired';
  actor: string;
  comment: string;
  at: string;
}

export interface ReleaseView {
  id: string;
  service: string;
  environment: string;
  /** Counts up per service and environment. */
  number: number;
  status: ReleaseStatus;
  message: string;
  contentHash: string;
  image: string | null;
  commit: string | null;
  createdBy: string;
  reason: string | null;
  rollbackOf: string | null;
  /** The release of another environment this one promotes. */
  promotedFrom: string | null;
  /** For a release waiting for approval: when the request lapses. */
  approvalExpiresAt: string | null;
  approvals: ApprovalView[];
  autoRollback: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The rollout verdict; for a release the cluster refused, the server stores the error instead. */
  health: RolloutAssessment | ErrorBody | null;
}

/** What the server answers a deploy: the release, and warnings such as a freeze in warn mode. */
export interface DeployAnswer {
  release: ReleaseView;
  warnings: string[];
}

export interface PromotionRequest {
  service: string;
  from: string;
  to: string;
  /** The release number in `from`; its newest healthy one when left out. */
  number?: number;
  reason?: string;
}

/** What a promotion would change: the release promoted, the one it replaces, and the diff. */
export interface PromotionPlan {
  source: ReleaseView;
  current: ReleaseView | null;
  diff: ReleaseDiff;
}

export interface PromotionAnswer extends PromotionPlan {
  release: ReleaseView;
  warnings: string[];
}

export interface ReleaseRef {
  id: string;
  number: number;
}

export interface DiffAnswer {
  from: ReleaseRef | null;
  to: ReleaseRef;
  diff: ReleaseDiff;
}

export interface DriftAnswer {
  release: ReleaseRef;
  status: 'in-sync' | 'drifted';
  objects: Drift[];
}

export interface ServiceStatus {
  service: string;
  environment: string;
  current: ReleaseView | null;
  lastHealthy: ReleaseView | null;
}

export interface ReleaseQuery {
  service?: string;
  environment?: string;
  limit?: number;
}

export interface TeamView {
  name: string;
  displayName: string;
  source: string;
  createdAt: string;
}

export interface TeamMemberView {
  username: string;
  displayName: string | null;
  source: string;
}

export type RoleName = 'viewer' | 'developer' | 'maintainer' | 'admin';

export interface RoleScope {
  kind: 'global' | 'team' | 'service';
  team?: string;
  service?: string;
}

export interface NewRoleBinding {
  role: RoleName;
  subject: { kind: 'user' | 'team'; name: string };
  scope: RoleScope;
  environmentTypes: string[];
}

export interface RoleBindingView extends NewRoleBinding {
  id: string;
  createdBy: string;
  createdAt: string;
}

export interface TeamDetail {
  team: TeamView;
  members: TeamMemberView[];
  bindings: RoleBindingView[];
}

export interface ServiceView {
  name: string;
  owner: string | null;
  createdAt: string;
}

export interface ClientOptions {
  server: string;
  token?: string | undefined;
  /** Where the token came from, named when the server refuses it. */
  tokenSource?: string | undefined;
  timeoutMs?: number;
}

interface RequestOptions {
  body?: unknown;
  timeoutMs?: number;
}

const defaultTimeoutMs = 10_000;
/** For requests the server answers after talking to a cluster. */
const clusterMs = 60_000;

/** A thin client of the Slipway API: every failure becomes a SlipwayError with a stable code. */
export class SlipwayClient {
  readonly server: string;
  readonly #options: ClientOptions;

  constructor(options: ClientOptions) {
    this.server = options.server;
    this.#options = options;
  }

  healthz() {
    return this.request<{ status: string }>('GET', '/healthz');
  }

  version() {
    return this.request<VersionInfo>('GET', '/api/v1/version');
  }

  whoami() {
    return this.request<Whoami>('GET', '/api/v1/whoami');
  }

  /** The server's checks wait for the cluster (up to 5 s each), so allow more time. */
  doctor() {
    return this.request<DoctorAnswer>('GET', '/api/v1/doctor', { timeoutMs: 30_000 });
  }

  async listTokens() {
    return (await this.request<{ items: TokenView[] }>('GET', '/api/v1/tokens')).items;
  }

  createToken(input: NewToken) {
    return this.request<{ token: TokenView; secret: string }>('POST', '/api/v1/tokens', { body: input });
  }

  revokeToken(id: string) {
    return this.request<void>('DELETE', `/api/v1/tokens/${encodeURIComponent(id)}`);
  }

  /** A token for a username and password (`slipway login --username`); no token needed to ask. */
  createTokenWithPassword(input: PasswordLogin) {
    return this.request<{ token: TokenView; secret: string }>('POST', '/api/v1/auth/token', { body: input });
  }

  /** The cluster answers too: the namespace, its quota and limits are made before the answer. */
  async putEnvironment(name: string, input: EnvironmentInput) {
    const path = `/api/v1/environments/${encodeURIComponent(name)}`;
    return (await this.request<{ environment: EnvironmentView }>('PUT', path, { body: input, timeoutMs: clusterMs }))
      .environment;
  }

  async createEnvironment(input: NewEnvironment) {
    const body = { body: input, timeoutMs: clusterMs };
    return (await this.request<{ environment: EnvironmentView }>('POST', '/api/v1/environments', body)).environment;
  }

  async listEnvironments(options: { deleted?: boolean } = {}) {
    const search = options.deleted ? '?deleted=true' : '';
    return (await this.request<{ items: EnvironmentView[] }>('GET', `/api/v1/environments${search}`)).items;
  }

  async getEnvironment(name: string) {
    const path = `/api/v1/environments/${encodeURIComponent(name)}`;
    return (await this.request<{ environment: EnvironmentView }>('GET', path)).environment;
  }

  /** Answers at once with status deleting; the environment is gone once getEnvironment is not found. */
  async deleteEnvironment(name: string) {
    const path = `/api/v1/environments/${encodeURIComponent(name)}`;
    return (await this.request<{ environment: EnvironmentView }>('DELETE', path, { timeoutMs: clusterMs })).environment;
  }

  /** Every service of the source is rendered, checked by the API server and stored: allow time. */
  cloneEnvironment(source: string, input: CloneRequest) {
    const path = `/api/v1/environments/${encodeURIComponent(source)}/clone`;
    return this.request<CloneAnswer>('POST', path, { body: input, timeoutMs: 120_000 });
  }

  pauseEnvironment(name: string) {
    const path = `/api/v1/environments/${encodeURIComponent(name)}/pause`;
    return this.request<PauseAnswer>('POST', path, { timeoutMs: clusterMs });
  }

  resumeEnvironment(name: string) {
    const path = `/api/v1/environments/${encodeURIComponent(name)}/resume`;
    return this.request<PauseAnswer>('POST', path, { timeoutMs: clusterMs });
  }

  /** The server checks its own cluster for the answer (up to 3 s). */
  async listClusters() {
    return (await this.request<{ items: ClusterView[] }>('GET', '/api/v1/clusters', { timeoutMs: clusterMs })).items;
  }

  /** The server connects to the cluster with the credentials before it stores them. */
  async registerCluster(name: string, kubeconfig: string) {
    const body = { body: { name, kubeconfig }, timeoutMs: clusterMs };
    return (await this.request<{ cluster: ClusterView }>('POST', '/api/v1/clusters', body)).cluster;
  }

  async checkCluster(name: string) {
    const path = `/api/v1/clusters/${encodeURIComponent(name)}/check`;
    return (await this.request<{ cluster: ClusterView }>('POST', path, { timeoutMs: clusterMs })).cluster;
  }

  removeCluster(name: string) {
    return this.request<void>('DELETE', `/api/v1/clusters/${encodeURIComponent(name)}`);
  }

  listEnvironmentTypes() {
    return this.request<{ items: EnvironmentTypeView[]; policies: string[] }>('GET', '/api/v1/environment-types');
  }

  async getEnvironmentType(name: string) {
    const path = `/api/v1/environment-types/${encodeURIComponent(name)}`;
    return (await this.request<{ type: EnvironmentTypeView }>('GET', path)).type;
  }

  async listAudit(query: AuditQuery) {
    return (await this.request<{ items: AuditEntry[] }>('GET', `/api/v1/audit${queryString(query)}`)).items;
  }

  /** The audit log as JSON lines, oldest first. */
  async exportAudit(query: AuditQuery): Promise<string> {
    const response = await this.#send('GET', `/api/v1/audit/export${queryString(query)}`, { timeoutMs: 120_000 });
    if (!response.ok) throw this.#errorFrom(await readJson(response), response.status);
    return response.text();
  }

  verifyAudit() {
    return this.request<AuditVerdict>('GET', '/api/v1/audit/verify', { timeoutMs: 120_000 });
  }

  async listFreezes() {
    return (await this.request<{ items: FreezeView[] }>('GET', '/api/v1/freezes')).items;
  }

  async createFreeze(input: NewFreeze) {
    return (await this.request<{ freeze: FreezeView }>('POST', '/api/v1/freezes', { body: input })).freeze;
  }

  deleteFreeze(name: string) {
    return this.request<void>('DELETE', `/api/v1/freezes/${encodeURIComponent(name)}`);
  }

  async listTeams() {
    return (await this.request<{ items: TeamView[] }>('GET', '/api/v1/teams')).items;
  }

  getTeam(name: string) {
    return this.request<TeamDetail>('GET', `/api/v1/teams/${encodeURIComponent(name)}`);
  }

  async createTeam(input: { name: string; displayName?: string }) {
    return (await this.request<{ team: TeamView }>('POST', '/api/v1/teams', { body: input })).team;
  }

  deleteTeam(name: string) {
    return this.request<void>('DELETE', `/api/v1/teams/${encodeURIComponent(name)}`);
  }

  async addTeamMember(team: string, username: string) {
    const path = `/api/v1/teams/${encodeURIComponent(team)}/members/${encodeURIComponent(username)}`;
    return (await this.request<{ members: TeamMemberView[] }>('PUT', path)).members;
  }

  removeTeamMember(team: string, username: string) {
    const path = `/api/v1/teams/${encodeURIComponent(team)}/members/${encodeURIComponent(username)}`;
    return this.request<void>('DELETE', path);
  }

  async listRoleBindings(filter: { user?: string; team?: string; service?: string } = {}) {
    const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => !!e[1]));
    const path = `/api/v1/role-bindings${query.size ? `?${query}` : ''}`;
    return (await this.request<{ items: RoleBindingView[] }>('GET', path)).items;
  }

  async createRoleBinding(input: NewRoleBinding) {
    return (await this.request<{ binding: RoleBindingView }>('POST', '/api/v1/role-bindings', { body: input })).binding;
  }

  deleteRoleBinding(id: string) {
    return this.request<void>('DELETE', `/api/v1/role-bindings/${encodeURIComponent(id)}`);
  }

  async listServices() {
    return (await this.request<{ items: ServiceView[] }>('GET', '/api/v1/services')).items;
  }

  async createService(input: { name: string; owner?: string }) {
    return (await this.request<{ service: ServiceView }>('POST', '/api/v1/services', { body: input })).service;
  }

  async setServiceOwner(name: string, owner: string | null) {
    const path = `/api/v1/services/${encodeURIComponent(name)}`;
    return (await this.request<{ service: ServiceView }>('PATCH', path, { body: { owner } })).service;
  }

  async listSecrets(service: string) {
    const path = `/api/v1/services/${encodeURIComponent(service)}/secrets`;
    return (await this.request<{ items: SecretVariableView[] }>('GET', path)).items;
  }

  async setSecret(service: string, name: string, input: { value: string; environment?: string }) {
    const path = `/api/v1/services/${encodeURIComponent(service)}/secrets/${encodeURIComponent(name)}`;
    return (await this.request<{ secret: SecretVariableView }>('PUT', path, { body: input })).secret;
  }

  deleteSecret(service: string, name: string, environment?: string) {
    const query = environment ? `?environment=${encodeURIComponent(environment)}` : '';
    const path = `/api/v1/services/${encodeURIComponent(service)}/secrets/${encodeURIComponent(name)}${query}`;
    return this.request<void>('DELETE', path);
  }

  async listCatalogEntities(query: CatalogQuery) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      for (const v of [value].flat()) if (v !== undefined && v !== '') params.append(key, String(v));
    }
    const path = `/api/v1/catalog/entities${params.size ? `?${params}` : ''}`;
    return this.request<CatalogPage>('GET', path);
  }

  getCatalogEntity(kind: string, namespace: string, name: string) {
    const parts = [kind, namespace, name].map(encodeURIComponent).join('/');
    return this.request<CatalogEntityDetail>('GET', `/api/v1/catalog/entities/${parts}`);
  }

  /** Reading the repository happens before the answer: allow time for a clone. */
  async registerCatalogLocation(input: { type: 'git' | 'url'; target: string; ref?: string; paths?: string[] }) {
    const options = { body: input, timeoutMs: 120_000 };
    return (await this.request<{ location: CatalogLocationView }>('POST', '/api/v1/catalog/locations', options))
      .location;
  }

  async refreshCatalogLocation(id: string) {
    const path = `/api/v1/catalog/locations/${encodeURIComponent(id)}/refresh`;
    return (await this.request<{ location: CatalogLocationView }>('POST', path, { timeoutMs: 120_000 })).location;
  }

  async listCatalogLocations() {
    return (await this.request<{ items: CatalogLocationView[] }>('GET', '/api/v1/catalog/locations')).items;
  }

  /** Rendering, provisioning and the API server's dry run happen before the answer: allow time. */
  deploy(input: DeployRequest) {
    return this.request<DeployAnswer>('POST', '/api/v1/deploys', { body: input, timeoutMs: 120_000 });
  }

  /** What promoting would change, without changing anything. */
  planPromotion(input: PromotionRequest) {
    const body = { body: { ...input, dryRun: true }, timeoutMs: 120_000 };
    return this.request<PromotionPlan>('POST', '/api/v1/promotions', body);
  }

  promote(input: PromotionRequest) {
    return this.request<PromotionAnswer>('POST', '/api/v1/promotions', { body: input, timeoutMs: 120_000 });
  }

  async approveRelease(id: string, comment?: string) {
    const path = `/api/v1/releases/${encodeURIComponent(id)}/approve`;
    const body = comment === undefined ? {} : { comment };
    return (await this.request<{ release: ReleaseView }>('POST', path, { body })).release;
  }

  async rejectRelease(id: string, comment?: string) {
    const path = `/api/v1/releases/${encodeURIComponent(id)}/reject`;
    const body = comment === undefined ? {} : { comment };
    return (await this.request<{ release: ReleaseView }>('POST', path, { body })).release;
  }

  async listReleases(query: ReleaseQuery) {
    const params = new URLSearchParams();
    if (query.service) params.set('service', query.service);
    if (query.environment) params.set('environment', query.environment);
    if (query.limit) params.set('limit', String(query.limit));
    const search = params.size > 0 ? `?${params}` : '';
    return (await this.request<{ items: ReleaseView[] }>('GET', `/api/v1/releases${search}`)).items;
  }

  async getRelease(id: string) {
    return (await this.request<{ release: ReleaseView }>('GET', `/api/v1/releases/${encodeURIComponent(id)}`)).release;
  }

  /** What release `id` changes against `against` (default: the release before it). */
  diffRelease(id: string, against?: string) {
    const search = against ? `?against=${encodeURIComponent(against)}` : '';
    return this.request<DiffAnswer>('GET', `/api/v1/releases/${encodeURIComponent(id)}/diff${search}`);
  }

  /** The server reads every object of the release from the cluster. */
  driftOf(id: string) {
    return this.request<DriftAnswer>('GET', `/api/v1/releases/${encodeURIComponent(id)}/drift`, { timeoutMs: 60_000 });
  }

  rollback(id: string, reason?: string) {
    const path = `/api/v1/releases/${encodeURIComponent(id)}/rollback`;
    const body = reason === undefined ? {} : { reason };
    return this.request<DeployAnswer>('POST', path, { body });
  }

  serviceStatus(service: string, environment: string) {
    const path = `/api/v1/services/${encodeURIComponent(service)}/environments/${encodeURIComponent(environment)}`;
    return this.request<ServiceStatus>('GET', path);
  }

  async listTemplates() {
    return (await this.request<{ items: TemplateView[] }>('GET', '/api/v1/templates')).items;
  }

  async getTemplate(namespace: string, name: string) {
    const path = `/api/v1/templates/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
    return (await this.request<{ template: TemplateView }>('GET', path)).template;
  }

  /** A dry run renders the files before the answer: allow time for a clone of a catalog template. */
  async runTemplate(namespace: string, name: string, input: TemplateRunRequest) {
    const path = `/api/v1/templates/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/runs`;
    return (await this.request<{ run: TemplateRunView }>('POST', path, { body: input, timeoutMs: 120_000 })).run;
  }

  async listTemplateRuns() {
    return (await this.request<{ items: TemplateRunView[] }>('GET', '/api/v1/template-runs')).items;
  }

  async getTemplateRun(id: string) {
    const path = `/api/v1/template-runs/${encodeURIComponent(id)}`;
    return (await this.request<{ run: TemplateRunView }>('GET', path)).run;
  }

  /**
   * The open server-sent event stream of a run, after event `lastEventId`; the caller reads the
   * body. No timeout: pushing and deploying take what they take, and `signal` can end it.
   */
  async templateRunEvents(id: string, lastEventId: number, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = {
      accept: 'text/event-stream',
      'user-agent': `slipway-cli/${slipwayVersion}`,
    };
    if (this.#options.token) headers.authorization = `Bearer ${this.#options.token}`;
    if (lastEventId > 0) headers['last-event-id'] = String(lastEventId);
    const path = `/api/v1/template-runs/${encodeURIComponent(id)}/events`;
    let response: Response;
    try {
      response = await fetch(`${this.server}${path}`, { headers, ...(signal ? { signal } : {}) });
    } catch (error) {
      throw unreachable(this.server, error, 0);
    }
    if (!response.ok) throw this.#errorFrom(await readJson(response), response.status);
    return response;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.#send(method, path, options);
    const body = await readJson(response);
    if (!response.ok) throw this.#errorFrom(body, response.status);
    if (body === notJson) {
      throw new SlipwayError('internal', `The server at ${this.server} did not answer ${path} with JSON`, {
        hint: 'Is this the address of a Slipway server?',
      });
    }
    return body as T;
  }

  async #send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? defaultTimeoutMs;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': `slipway-cli/${slipwayVersion}`,
    };
    if (this.#options.token) headers.authorization = `Bearer ${this.#options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(`${this.server}${path}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw unreachable(this.server, error, timeoutMs);
    }
  }

  #errorFrom(body: unknown, status: number): SlipwayError {
    const inner = (body as { error?: { code?: unknown } } | null)?.error;
    if (!inner || !isErrorCode(inner.code)) return this.#foreignError(status);
    const error = SlipwayError.fromBody(body, status);
    const source = this.#options.tokenSource;
    if (error.code !== 'unauthenticated' || !source || !this.#options.token) return error;
    return new SlipwayError(error.code, `${error.message} (token from ${source})`, {
      ...(error.fields ? { fields: error.fields } : {}),
      ...(error.hint ? { hint: error.hint } : {}),
    });
  }

  /** An answer not from Slipway: a gateway error from a proxy in front of it, or the wrong address. */
  #foreignError(status: number): SlipwayError {
    if (status === 502 || status === 503 || status === 504) {
      return new SlipwayError('unavailable', `The Slipway server at ${this.server} is unavailable (HTTP ${status})`, {
        hint: 'A proxy answered for it: is Slipway running behind it?',
      });
    }
    return new SlipwayError(codeForStatus(status), `The server at ${this.server} answered HTTP ${status}`, {
      hint: 'That is not a Slipway error; is this the address of a Slipway server?',
    });
  }
}

const notJson = Symbol('not JSON');

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return notJson;
  }
}

/** Socket error codes in the words a person would use. */
const reasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'host not found (DNS lookup failed)',
  EAI_AGAIN: 'DNS lookup failed (temporary failure)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection was closed',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
};

function unreachable(server: string, error: unknown, timeoutMs: number): SlipwayError {
  return new SlipwayError(
    'unavailable',
    `Cannot reach the Slipway server at ${server}: ${reasonOf(error, timeoutMs)}`,
    {
      hint: 'Is Slipway running at that address? Pass another one with --server URL or SLIPWAY_SERVER.',
      cause: error,
    },
  );
}

function reasonOf(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: unknown };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const code = socketCode(e.cause);
  if (code) return reasons[code] ?? code;
  const message = (e.cause as Error | undefined)?.message ?? e.message ?? String(error);
  // fetch refuses ports browsers block (1, 6000, ...) before even trying to connect.
  return message === 'bad port' ? 'fetch refuses to connect to that port (a blocked "bad port")' : message;
}

/** fetch wraps the socket error; with several addresses tried it is an AggregateError. */
function socketCode(cause: unknown): string | undefined {
  const c = cause as { code?: unknown; errors?: Array<{ code?: unknown }> } | undefined;
  const code = c?.code ?? c?.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}

export interface AuditQuery {
  actor?: string | undefined;
  target?: string | undefined;
  action?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  limit?: number | undefined;
}

/** An audit entry as the API returns it: the chained fields core defines. */
export type AuditEntry = ChainedEntry;

export interface AuditVerdict {
  ok: boolean;
  checked: number;
  broken?: { seq: number; reason: string };
}

function queryString(query: object): string {
  const pairs = Object.entries(query).filter(([, v]) => v !== undefined && v !== '');
  const params = new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, String(v)]));
  return pairs.length ? `?${params.toString()}` : '';
}

export interface CatalogQuery {
  kind?: string[] | undefined;
  owner?: string[] | undefined;
  type?: string[] | undefined;
  tag?: string[] | undefined;
  q?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface CatalogEntitySummary {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string;
  type: string;
  owner: string;
  lifecycle: string;
  system: string;
  tags: string[];
  errorCount: number;
}

export interface CatalogPage {
  items: CatalogEntitySummary[];
  totalItems: number;
  nextCursor?: string;
}

export interface CatalogEntityDetail {
  ref: string;
  entity: { metadata?: { title?: string; description?: string }; spec?: Record<string, unknown> };
  relations: Array<{ type: string; targetRef: string; kind: string | null; title: string | null }>;
  errors: Array<{ path: string; message: string }>;
  sourcePath: string;
  deployments?: {
    service: string;
    environments: Array<{
      name: string;
      type: string;
      current: { number: number; status: string; image: string | null } | null;
    }>;
  };
}

/** A catalog location as the location routes return it; fields beyond these are kept as sent. */
export interface CatalogLocationView {
  id: string;
  type: string;
  target: string;
  ref?: string;
  paths?: string[];
  status?: string;
  message?: string;
  refreshedAt?: string | null;
  [more: string]: unknown;
}

/** A template as the template routes return it; `parameters` is the pages merged into one JSON Schema. */
export interface TemplateView {
  ref: string;
  namespace: string;
  name: string;
  title: string;
  description: string;
  type: string;
  tags: string[];
  builtin: boolean;
  parameters: TemplateParameterSchema;
  steps: Array<{ id: string; name: string; action: string }>;
}

export interface TemplateParameterSchema {
  type?: string;
  required?: string[];
  properties?: Record<string, TemplateParameter>;
  [more: string]: unknown;
}

export interface TemplateParameter {
  title?: string;
  description?: string;
  type?: string;
  enum?: unknown[];
  default?: unknown;
  'ui:widget'?: string;
  'ui:field'?: string;
  [more: string]: unknown;
}

export interface TemplateRunRequest {
  parameters: Record<string, unknown>;
  dryRun?: boolean;
  owner?: string;
}

export type TemplateRunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** A file a dry run would write; `content` is null for binary files and past the size caps. */
export interface DryRunFile {
  path: string;
  size: number;
  content: string | null;
  truncated?: boolean;
}

export interface TemplateRunView {
  id: string;
  templateRef: string;
  parameters: Record<string, unknown>;
  status: TemplateRunStatus;
  dryRun: boolean;
  owner: string | null;
  steps: Array<{
    id: string;
    name: string;
    action: string;
    status: string;
    startedAt: string | null;
    finishedAt: string | null;
    output: Record<string, unknown>;
  }>;
  output: {
    links?: Array<{ title?: string; url?: string; entityRef?: string; icon?: string }>;
    entityRef?: string;
    text?: unknown[];
    files?: DryRunFile[];
    [more: string]: unknown;
  };
  error: string;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

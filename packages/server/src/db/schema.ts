/**
 * Kysely's view of Slipway's tables. Names mirror the SQL exactly (snake_case), so a query
 * reads like the SQL it compiles to; the stores translate rows into camelCase records.
 * Keep this in step with the latest migration: the migrations are the source of truth.
 */
import type { NotificationEvent, ServiceCheck, Verification } from '@slipway/core';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A timestamp column the database fills in on insert (`default now()`). */
type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string | null;
  created_at: CreatedAt;
  email: ColumnType<string | null, string | null | undefined, string | null>;
  /** An argon2id PHC string; null for users who sign in only through OIDC or with tokens. */
  password_hash: ColumnType<string | null, string | null | undefined, string | null>;
  oidc_issuer: ColumnType<string | null, string | null | undefined, string | null>;
  oidc_subject: ColumnType<string | null, string | null | undefined, string | null>;
  disabled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface SessionsTable {
  id: Generated<string>;
  /** sha256 (hex) of the cookie's secret; the secret itself is never stored. */
  secret_hash: string;
  user_id: string;
  /** How the session was opened: password or oidc. */
  method: string;
  ip: ColumnType<string, string | undefined, string>;
  user_agent: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface TeamsTable {
  name: string;
  display_name: ColumnType<string, string | undefined, string>;
  /** local (managed through the API), catalog or oidc (kept in step with that source). */
  source: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
}

export interface TeamMembersTable {
  team: string;
  user_id: string;
  source: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
}

export interface RoleBindingsTable {
  id: Generated<string>;
  role: string;
  subject_kind: 'user' | 'team';
  subject: string;
  scope_kind: 'global' | 'team' | 'service';
  scope: ColumnType<string, string | undefined, string>;
  /** Empty: every environment type. */
  environment_types: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string;
  created_at: CreatedAt;
}

export interface SecretVariablesTable {
  id: Generated<string>;
  service_id: string;
  /** Null: the value for every environment that has none of its own. */
  environment_id: string | null;
  name: string;
  /** Sealed with the key ring; never leaves the server except into a Kubernetes Secret. */
  value: string;
  version: ColumnType<number, number | undefined, number>;
  created_by: string;
  updated_by: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  /** sha256 (hex) of the whole secret; the secret itself is never stored. */
  token_hash: string;
  /** The first characters of the secret after `slw_`, so a user can tell tokens apart. */
  prefix: string;
  scopes: string[];
  created_at: CreatedAt;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface ServerInstancesTable {
  id: string;
  hostname: string;
  version: string;
  started_at: Date;
  heartbeat_at: Date;
}

/** JSON stored in a jsonb column: written as JSON text, read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export type EnvironmentStatus = 'active' | 'paused' | 'deleting' | 'deleted';

export interface EnvironmentsTable {
  id: Generated<string>;
  name: string;
  type: string;
  namespace: string;
  settings: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  cluster_id: string | null;
  status: ColumnType<EnvironmentStatus, EnvironmentStatus | undefined, EnvironmentStatus>;
  created_by: ColumnType<string, string | undefined, string>;
  origin: Json<unknown> | null;
  schedule: Json<unknown> | null;
  schedule_applied_at: Date | null;
  expires_at: Date | null;
  paused_at: Date | null;
  deleted_at: Date | null;
  /** The owning team; null: shared, the platform's. */
  owner_team: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ClustersTable {
  id: Generated<string>;
  name: string;
  server: string;
  /** A kubeconfig sealed with the key ring; never leaves the server. */
  credentials: string;
  /** The settings of its Prometheus (metrics/source.ts), sealed like the credentials; null: none. */
  prometheus: ColumnType<string | null, string | null | undefined, string | null>;
  version: string | null;
  status: ColumnType<string, string | undefined, string>;
  message: ColumnType<string, string | undefined, string>;
  checked_at: Date | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface EnvironmentTypesTable {
  name: string;
  spec: Json<unknown>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export type ApprovalDecision = 'approved' | 'rejected' | 'expired';

export interface ReleaseApprovalsTable {
  id: Generated<string>;
  release_id: string;
  decision: ApprovalDecision;
  actor: string;
  comment: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
}

export interface DeployFreezesTable {
  id: Generated<string>;
  name: string;
  starts_at: Date;
  ends_at: Date;
  mode: 'block' | 'warn';
  reason: ColumnType<string, string | undefined, string>;
  environment_types: ColumnType<string[], string[] | undefined, string[]>;
  environments: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string;
  created_at: CreatedAt;
  /** When its start was announced (`freeze.started`, migration 0026); null: not yet. */
  announced_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A destination's token bucket, shared by the replicas (migration 0029). */
export interface NotificationDestinationBucketsTable {
  destination: string;
  tokens: number;
  refilled_at: Date;
  taken: boolean;
}

/** What the drift scan last saw of a release (migration 0027). */
export interface ReleaseDriftTable {
  release_id: string;
  status: 'in-sync' | 'drifted';
  /** A digest of which objects and fields departed; null when in sync. */
  fingerprint: string | null;
  /** Per drifted object: its key, state and the JSON Pointers of the fields that departed. */
  objects: Json<DriftSummary[]>;
  checked_at: Date;
  /** The fingerprint `drift.found` was last written for; null once back in sync. */
  announced_fingerprint: string | null;
}

export interface DriftSummary {
  key: string;
  state: 'missing' | 'drifted';
  paths: string[];
}

/** A policy in CEL (migration 0020); `match` is the JSON of CelPolicy['match']. */
export interface CelPoliciesTable {
  name: string;
  expression: string;
  message_expression: string | null;
  remedy: ColumnType<string, string | undefined, string>;
  severity: 'enforce' | 'warn' | 'audit';
  match: Json<{ environmentTypes?: string[]; teams?: string[]; services?: string[] }>;
  created_by: string;
  created_at: CreatedAt;
  updated_by: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface PreviewSourcesTable {
  name: string;
  repository: string;
  spec: Json<unknown>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface WebhookDeliveriesTable {
  id: string;
  event: string;
  action: ColumnType<string, string | undefined, string>;
  result: ColumnType<string, string | undefined, string>;
  received_at: CreatedAt;
}

/** Per pull request, the newest state a preview was changed for (see migration 0013). */
export interface PreviewPullRequestsTable {
  repository: string;
  number: number;
  updated_at: Date;
  closed: boolean;
  action: string;
  acted_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ServicesTable {
  id: Generated<string>;
  name: string;
  created_at: CreatedAt;
  /** The owning team; null: the platform's (only global bindings reach it). */
  owner_team: ColumnType<string | null, string | null | undefined, string | null>;
  /** The checks it declares for its releases (core's ServiceCheck[]); null: none. */
  verification_checks: ColumnType<ServiceCheck[] | null, string | null | undefined, string | null>;
}

export type ReleaseStatus =
  | 'pending_approval'
  | 'rejected'
  | 'expired'
  | 'queued'
  | 'applying'
  | 'progressing'
  | 'verifying'
  | 'healthy'
  | 'degraded'
  | 'failed'
  | 'superseded';

export interface ReleasesTable {
  id: Generated<string>;
  service_id: string;
  environment_id: string;
  number: number;
  status: ReleaseStatus;
  content_hash: string;
  image: string | null;
  commit_sha: string | null;
  created_by: string;
  reason: string | null;
  workload: Json<unknown>;
  objects: Json<unknown[]>;
  rollback_of: string | null;
  auto_rollback: ColumnType<boolean, boolean | undefined, boolean>;
  message: ColumnType<string, string | undefined, string>;
  health: Json<unknown> | null;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
  promoted_from: string | null;
  approval_expires_at: Date | null;
  inputs: Json<unknown> | null;
  /** When the API server dry-ran the objects before the release was stored; null: never (0012). */
  validated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** When the deployed commit was made; null: unknown (0014). */
  commit_time: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The metric checks of a release once its rollout was Healthy, with their samples; null: none (0017). */
  verification: ColumnType<Verification | null, string | null | undefined, string | null>;
}

/**
 * One applied release as the delivery analytics need it (0018): written by the database's own
 * trigger on `releases`, never by the server. Durations in whole milliseconds.
 */
export interface DeliveryFactsTable {
  release_id: string;
  service_id: string;
  environment_id: string;
  number: number;
  finished_at: Date;
  healthy: boolean;
  /** Not a rollback. */
  is_change: boolean;
  /** Healthy with a commit time: finished − commit, at least 0. */
  lead_ms: number | null;
  /** The next applied release of the same service and environment. */
  next_at: Date | null;
  next_gap_ms: number | null;
  next_is_rollback: boolean | null;
  /** A failed or degraded release after a healthy one (or the first): an outage begins. */
  begins_outage: boolean;
  /** On an outage's first release: when the healthy release ending it finished; null: still on. */
  outage_ended_at: Date | null;
  /** On the healthy release ending an outage: the outage's length. */
  restore_ms: number | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  created_at: CreatedAt;
}

export interface AuditEventsTable {
  seq: number;
  at: Date;
  actor: string;
  via: string;
  action: string;
  method: string;
  route: string;
  target: string;
  status: number;
  result: 'success' | 'failure';
  request_id: string;
  ip: string;
  detail: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface CatalogLocationsTable {
  id: Generated<string>;
  /** git (a repository) or url (one YAML file). */
  type: 'git' | 'url';
  target: string;
  /** Branch or tag; '' is the remote's default branch. */
  ref: ColumnType<string, string | undefined, string>;
  /** Globs of the files to read in a git repository. */
  paths: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<string, string | undefined, string>;
  message: ColumnType<string, string | undefined, string>;
  /** The commit or content digest last read. */
  revision: ColumnType<string, string | undefined, string>;
  refreshed_at: Date | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface CatalogEntitiesTable {
  id: Generated<string>;
  /** kind:namespace/name, lower-cased. */
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  type: ColumnType<string, string | undefined, string>;
  owner: ColumnType<string, string | undefined, string>;
  lifecycle: ColumnType<string, string | undefined, string>;
  system: ColumnType<string, string | undefined, string>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  title: ColumnType<string, string | undefined, string>;
  description: ColumnType<string, string | undefined, string>;
  entity: Json<Record<string, unknown>>;
  location_id: string;
  source_path: ColumnType<string, string | undefined, string>;
  hash: string;
  errors: ColumnType<Array<{ path: string; message: string }>, string | undefined, string>;
  /** A tsvector; written with to_tsvector(...), read only in queries. */
  search: ColumnType<string, unknown, unknown>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** One rendered docs page of a catalog entity. */
export interface CatalogDocsTable {
  entity_id: string;
  /** Relative to the entity's docs folder, e.g. guides/setup.md. */
  path: string;
  title: string;
  /** Sanitised HTML. */
  html: string;
  /** Plain text, for search and snippets. */
  text: string;
  /** A tsvector; written with to_tsvector(...), read only in queries. */
  search: ColumnType<string, unknown, unknown>;
  hash: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface CatalogRelationsTable {
  origin_id: string;
  source_ref: string;
  type: string;
  target_ref: string;
}

export interface CatalogErrorsTable {
  id: Generated<string>;
  location_id: string;
  source_path: ColumnType<string, string | undefined, string>;
  entity_ref: ColumnType<string, string | undefined, string>;
  /** yaml | invalid | conflict | fetch */
  kind: string;
  message: string;
  created_at: CreatedAt;
}

export interface TemplateRunsTable {
  id: Generated<string>;
  /** template:namespace/name */
  template_ref: string;
  /** As given, secret parameters redacted. */
  parameters: Json<Record<string, unknown>>;
  status: ColumnType<'queued' | 'running' | 'succeeded' | 'failed', string | undefined, string>;
  dry_run: ColumnType<boolean, boolean | undefined, boolean>;
  owner: string | null;
  steps: ColumnType<unknown[], string | undefined, string>;
  output: ColumnType<Record<string, unknown>, string | undefined, string>;
  error: ColumnType<string, string | undefined, string>;
  created_by: string;
  created_at: CreatedAt;
  finished_at: Date | null;
  /** The server_instances id of the process running it; null for runs from before 0011. */
  instance_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TemplateRunLogsTable {
  run_id: string;
  seq: number;
  /** step (a step's status changed), log (a line of output) or run (the run ended; message: its status). */
  type: 'step' | 'log' | 'run';
  step_id: ColumnType<string, string | undefined, string>;
  message: string;
  created_at: CreatedAt;
}

export interface ScorecardsTable {
  name: string;
  /** The scorecard as saved (core's ScorecardSpec, defaults filled in). */
  spec: Json<unknown>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  updated_by: string;
}

export interface ScorecardResultsTable {
  id: Generated<string>;
  scorecard: string;
  service: string;
  level: string | null;
  score: number;
  /** Per rule: core's RuleOutcome (status, the error's message, title and remedy as evaluated). */
  rules: Json<unknown>;
  evaluated_at: Date;
}

/** One rate-limit counter: requests under `key` in the window [window_start, expires_at). */
export interface RateLimitWindowsTable {
  key: string;
  window_start: Date;
  expires_at: Date;
  count: number;
}

export type NotificationChannel = 'webhook' | 'slack' | 'inbox';
export type DeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'dead';

/** Who wants which notifications, and where (see migration 0022). */
export interface NotificationSubscriptionsTable {
  id: Generated<string>;
  name: string;
  channel: NotificationChannel;
  url: string | null;
  sealed_secret: string | null;
  inbox_team: string | null;
  inbox_user: string | null;
  events: ColumnType<string[], string[] | undefined, string[]>;
  teams: ColumnType<string[], string[] | undefined, string[]>;
  services: ColumnType<string[], string[] | undefined, string[]>;
  environment_types: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string;
  created_at: CreatedAt;
}

export interface NotificationEventsTable {
  id: Generated<string>;
  kind: string;
  payload: ColumnType<NotificationEvent, string, string>;
  created_at: Date;
}

/** The outbox: one row per event and webhook destination. */
export interface NotificationDeliveriesTable {
  id: Generated<string>;
  event_id: string;
  subscription_id: string;
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Date;
  lease_until: Date | null;
  last_error: string | null;
  last_status: number | null;
  created_at: Date;
  delivered_at: Date | null;
}

export interface NotificationInboxTable {
  id: Generated<string>;
  event_id: string;
  team: string | null;
  user_id: string | null;
  created_at: Date;
  read_at: Date | null;
}

export interface Schema {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  server_instances: ServerInstancesTable;
  environments: EnvironmentsTable;
  services: ServicesTable;
  releases: ReleasesTable;
  delivery_facts: DeliveryFactsTable;
  settings: SettingsTable;
  clusters: ClustersTable;
  environment_types: EnvironmentTypesTable;
  release_approvals: ReleaseApprovalsTable;
  deploy_freezes: DeployFreezesTable;
  release_drift: ReleaseDriftTable;
  notification_destination_buckets: NotificationDestinationBucketsTable;
  cel_policies: CelPoliciesTable;
  preview_sources: PreviewSourcesTable;
  webhook_deliveries: WebhookDeliveriesTable;
  preview_pull_requests: PreviewPullRequestsTable;
  audit_events: AuditEventsTable;
  sessions: SessionsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  role_bindings: RoleBindingsTable;
  secret_variables: SecretVariablesTable;
  catalog_locations: CatalogLocationsTable;
  catalog_entities: CatalogEntitiesTable;
  catalog_relations: CatalogRelationsTable;
  catalog_errors: CatalogErrorsTable;
  catalog_docs: CatalogDocsTable;
  template_runs: TemplateRunsTable;
  template_run_logs: TemplateRunLogsTable;
  scorecards: ScorecardsTable;
  scorecard_results: ScorecardResultsTable;
  rate_limit_windows: RateLimitWindowsTable;
  notification_subscriptions: NotificationSubscriptionsTable;
  notification_events: NotificationEventsTable;
  notification_deliveries: NotificationDeliveriesTable;
  notification_inbox: NotificationInboxTable;
}

export type UserRow = Selectable<UsersTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type NewApiTokenRow = Insertable<ApiTokensTable>;
export type ServerInstanceRow = Selectable<ServerInstancesTable>;

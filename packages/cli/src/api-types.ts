/**
 * The API's types by the names the CLI's commands use. Each one points into the types generated
 * from the OpenAPI document (@slipway/api-client), so a change of the API fails the CLI's
 * type-check instead of drifting. Where the document leaves a field open (an object of any
 * keys), core defines its shape and `Pinned` reads the field as that core type.
 */
import type { Answer, Query, RequestBody, Schemas } from '@slipway/api-client';
import type { CatalogEntity, Drift, ReleaseDiff } from '@slipway/core';

/** `T` with the open field `K` read as core's type `V`. */
type Pinned<T, K extends keyof T, V> = Omit<T, K> & { [P in K]: V };

export type VersionInfo = Answer<'/api/v1/version', 'get'>;
/** Who the caller is; the CLI always comes with a token, so the answer names it. */
export type Whoami = Pinned<
  Answer<'/api/v1/whoami', 'get'>,
  'token',
  NonNullable<Answer<'/api/v1/whoami', 'get'>['token']>
>;
export type DoctorAnswer = Answer<'/api/v1/doctor', 'get'>;

export type TokenView = Answer<'/api/v1/tokens', 'get'>['items'][number];
export type NewToken = RequestBody<'/api/v1/tokens', 'post'>;
export type CreatedToken = Answer<'/api/v1/tokens', 'post'>;
export type PasswordLogin = RequestBody<'/api/v1/auth/token', 'post'>;

export type EnvironmentView = Schemas['EnvironmentView'];
export type EnvironmentInput = RequestBody<'/api/v1/environments/{name}', 'put'>;
export type NewEnvironment = RequestBody<'/api/v1/environments', 'post'>;
export type CloneRequest = RequestBody<'/api/v1/environments/{name}/clone', 'post'>;
export type EnvironmentExport = Answer<'/api/v1/environments/{name}/export', 'post'>;
export type CloneAnswer = Answer<'/api/v1/environments/{name}/clone', 'post'>;
export type PauseAnswer = Answer<'/api/v1/environments/{name}/pause', 'post'>;
export type ClusterView = Schemas['ClusterView'];
export type EnvironmentTypeView = Schemas['EnvironmentTypeView'];

export type FreezeView = Schemas['FreezeView'];
export type FreezeMode = FreezeView['mode'];
export type NewFreeze = RequestBody<'/api/v1/freezes', 'post'>;
export type CelPolicyView = Schemas['CelPolicyView'];
export type CelPolicyInput = RequestBody<'/api/v1/policies/cel/{name}', 'put'>;
export type CelDryRunRequest = RequestBody<'/api/v1/policies/cel/dry-run', 'post'>;
export type CelDryRunAnswer = Answer<'/api/v1/policies/cel/dry-run', 'post'>;

export type NotificationSubscriptionView = Schemas['NotificationSubscription'];
export type NewNotificationSubscription = RequestBody<'/api/v1/notifications/subscriptions', 'post'>;
export type NotificationDeliveryView = Schemas['NotificationDelivery'];
export type DeliveryQuery = Query<'/api/v1/notifications/deliveries', 'get'>;
export type InboxItemView = Schemas['InboxItem'];
export type InboxQuery = Query<'/api/v1/inbox', 'get'>;

export type ReleaseView = Schemas['ReleaseView'];
export type ReleaseStatus = ReleaseView['status'];
export type ReleaseQuery = Query<'/api/v1/releases', 'get'>;
export type DeployRequest = RequestBody<'/api/v1/deploys', 'post'>;
export type DeployAnswer = Answer<'/api/v1/deploys', 'post'>;
export type PromotionRequest = Omit<RequestBody<'/api/v1/promotions', 'post'>, 'dryRun'>;
export type PromotionPlan = Pinned<Answer<'/api/v1/promotions', 'post', 200>, 'diff', ReleaseDiff>;
export type PromotionAnswer = Pinned<Answer<'/api/v1/promotions', 'post', 202>, 'diff', ReleaseDiff>;
export type DiffAnswer = Pinned<Answer<'/api/v1/releases/{id}/diff', 'get'>, 'diff', ReleaseDiff>;
export type DriftAnswer = Pinned<Answer<'/api/v1/releases/{id}/drift', 'get'>, 'objects', Drift[]>;
export type ServiceStatus = Answer<'/api/v1/services/{service}/environments/{environment}', 'get'>;
export type ServiceCheckInput = RequestBody<'/api/v1/services/{name}/verification', 'put'>['checks'][number];
export type ServiceCheckView = Answer<'/api/v1/services/{name}/verification', 'get'>['checks'][number];

export type ProvisionerView = Schemas['ProvisionerView'];
export type ProvisionerLoadState = Schemas['ProvisionerLoadState'];
export type ProvisionerList = Answer<'/api/v1/provisioners', 'get'>;
export type ProvisionersFile = RequestBody<'/api/v1/provisioners/check', 'post'>;
export type ProvisionerTestRequest = RequestBody<'/api/v1/provisioners/test', 'post'>;
export type ProvisionerTestAnswer = Answer<'/api/v1/provisioners/test', 'post'>;

export type UserView = Answer<'/api/v1/users', 'get'>['items'][number];
export type NewUser = RequestBody<'/api/v1/users', 'post'>;
export type UserChanges = RequestBody<'/api/v1/users/{username}', 'patch'>;

export type TeamView = Schemas['TeamView'];
export type TeamDetail = Answer<'/api/v1/teams/{name}', 'get'>;
export type RoleBindingView = Schemas['RoleBindingView'];
export type NewRoleBinding = RequestBody<'/api/v1/role-bindings', 'post'>;
export type RoleName = RoleBindingView['role'];
export type RoleScope = RoleBindingView['scope'];
export type ServiceView = Schemas['ServiceView'];
export type SecretVariableView = Schemas['SecretVariableView'];

export type ServiceMetrics = Schemas['ServiceMetrics'];
export type ClusterPrometheusBody = RequestBody<'/api/v1/clusters/{name}/prometheus', 'put'>;
export type SignalAnswer = ServiceMetrics['signals'][number];

export type DoraQuery = Query<'/api/v1/analytics/dora', 'get'>;
export type DoraAnswer = Answer<'/api/v1/analytics/dora', 'get'>;
export type ScorecardView = Schemas['ScorecardView'];
export type ScorecardResultView = Schemas['ScorecardResultView'];
export type ScorecardGrid = Answer<'/api/v1/scorecards/{name}/grid', 'get'>;
export type ScorecardBody = RequestBody<'/api/v1/scorecards/{name}', 'put'>;
export type DoraFigures = Schemas['DoraFigures'];
export type DoraBands = Schemas['DoraBands'];

export type AuditEntry = Schemas['AuditEntry'];
export type AuditQuery = Query<'/api/v1/audit', 'get'>;
export type AuditVerdict = Answer<'/api/v1/audit/verify', 'get'>;

export type CatalogQuery = Query<'/api/v1/catalog/entities', 'get'>;
export type CatalogPage = Answer<'/api/v1/catalog/entities', 'get'>;
export type CatalogEntitySummary = CatalogPage['items'][number];
export type CatalogEntityDetail = Pinned<
  Answer<'/api/v1/catalog/entities/{kind}/{namespace}/{name}', 'get'>,
  'entity',
  CatalogEntity
>;
export type CatalogLocationView = Schemas['CatalogLocationView'];
export type NewCatalogLocation = RequestBody<'/api/v1/catalog/locations', 'post'>;

export type TemplateView = Schemas['TemplateView'];
export type TemplateRunView = Schemas['TemplateRunView'];
export type TemplateRunRequest = RequestBody<'/api/v1/templates/{namespace}/{name}/runs', 'post'>;

/** `slipway logs`: what it asks the logs endpoint for (follow is the command's to set). */
export type LogsQuery = Omit<
  NonNullable<Query<'/api/v1/services/{service}/environments/{environment}/logs', 'get'>>,
  'follow'
>;
type LogsAnswer = Answer<'/api/v1/services/{service}/environments/{environment}/logs', 'get'>;
export type LogLine = LogsAnswer['lines'][number];
export type LogUnavailable = LogsAnswer['unavailable'][number];
export type ServiceEvent = Answer<
  '/api/v1/services/{service}/environments/{environment}/events',
  'get'
>['items'][number];

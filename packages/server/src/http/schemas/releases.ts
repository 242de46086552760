import { Type } from '@sinclair/typebox';

const statuses = [
  'pending_approval',
  'rejected',
  'expired',
  'queued',
  'applying',
  'progressing',
  'verifying',
  'healthy',
  'degraded',
  'failed',
  'superseded',
];
const nullableDate = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

const verificationStates = ['running', 'passed', 'failed', 'stopped'].map((s) => Type.Literal(s));

const CheckView = Type.Object({
  name: Type.String(),
  query: Type.String({ description: 'PromQL as written, with its placeholders' }),
  condition: Type.Object({ op: Type.String(), threshold: Type.Number() }),
  intervalSeconds: Type.Integer(),
  durationSeconds: Type.Integer(),
  failureLimit: Type.Integer(),
  inconclusive: Type.Union([Type.Literal('fail'), Type.Literal('pass')]),
  origin: Type.Union([Type.Literal('environment-type'), Type.Literal('service')], {
    description: "Who declared it: the environment's type, or the service itself",
  }),
  state: Type.Union(verificationStates),
  reason: Type.String({ description: 'Why it passed or failed (the values seen and the threshold), or how far it is' }),
  counts: Type.Object({
    pass: Type.Integer(),
    fail: Type.Integer(),
    no_data: Type.Integer(),
    unknown: Type.Integer({ description: 'Samples Prometheus did not answer: never counted as failures' }),
  }),
  last: Type.Union([
    Type.Object({
      at: Type.String({ format: 'date-time' }),
      outcome: Type.Union(['pass', 'fail', 'no_data', 'unknown'].map((s) => Type.Literal(s))),
      values: Type.Array(Type.Number(), { description: 'One per series (at most 10 kept)' }),
      message: Type.String(),
    }),
    Type.Null(),
  ]),
});

const VerificationView = Type.Object({
  state: Type.Union(verificationStates, {
    description: 'stopped: the release was superseded or its environment deleted before the checks decided',
  }),
  startedAt: Type.String({ format: 'date-time' }),
  deadline: Type.String({ format: 'date-time' }),
  checks: Type.Array(CheckView),
});

/** The drift scan's last look at a release (docs/deploying.md#drift): which objects and fields departed, no values. */
const DriftScanView = Type.Object({
  status: Type.Union([Type.Literal('in-sync'), Type.Literal('drifted')]),
  checkedAt: Type.String({ format: 'date-time' }),
  objects: Type.Array(
    Type.Object({
      key: Type.String({ description: 'group/Kind/namespace/name' }),
      state: Type.Union([Type.Literal('missing'), Type.Literal('drifted')]),
      paths: Type.Array(Type.String(), { description: 'JSON Pointers of the fields that departed' }),
    }),
  ),
});

export const ReleaseView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    service: Type.String(),
    environment: Type.String(),
    number: Type.Integer({ description: 'Counts up per service and environment' }),
    status: Type.Union(statuses.map((s) => Type.Literal(s))),
    message: Type.String(),
    contentHash: Type.String({
      description:
        'Digest of the rendered objects: hmac-sha256 keyed with the installation secret, since they hold Secret values',
    }),
    image: Type.Union([Type.String(), Type.Null()]),
    commit: Type.Union([Type.String(), Type.Null()]),
    commitTime: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'When the deployed commit was made; null: unknown',
    }),
    createdBy: Type.String(),
    reason: Type.Union([Type.String(), Type.Null()]),
    rollbackOf: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    promotedFrom: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
      description: 'The release of another environment this one promotes',
    }),
    approvalExpiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'For a release waiting for approval: when the request lapses',
    }),
    approvals: Type.Array(
      Type.Object({
        decision: Type.Union([Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('expired')]),
        actor: Type.String(),
        comment: Type.String(),
        at: Type.String({ format: 'date-time' }),
      }),
    ),
    autoRollback: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    startedAt: nullableDate,
    finishedAt: nullableDate,
    health: Type.Union([
      Type.Object(
        {},
        {
          additionalProperties: true,
          description: 'The rollout verdict: status, message, resources, pod failures with fixes, progress',
        },
      ),
      Type.Null(),
    ]),
    verification: Type.Union([VerificationView, Type.Null()], {
      description:
        "Its metric checks once the rollout was Healthy (its environment type's and its service's); null: none applied",
    }),
    drift: Type.Union([DriftScanView, Type.Null()], {
      description: 'What the periodic drift scan last found while it stood in its environment; null: never scanned',
    }),
  },
  { $id: 'ReleaseView' },
);

/** GitOps mode's settings, as written and as shown. */
export const GitOpsSettingsView = Type.Object(
  {
    repository: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'The Git remote releases are committed to (https, ssh, git; file:// where the operator allows it)',
    }),
    branch: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Default: main' })),
    path: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: "The environment's folder. Default: its name" }),
    ),
  },
  {
    additionalProperties: false,
    description: 'GitOps mode: releases are committed here for a GitOps tool (Argo CD, Flux) to apply',
  },
);

export const EnvironmentView = Type.Object(
  {
    name: Type.String(),
    type: Type.String(),
    cluster: Type.String({ description: "The cluster it lives on; 'default' is Slipway's own" }),
    namespace: Type.String(),
    status: Type.Union(['active', 'paused', 'deleting', 'deleted'].map((s) => Type.Literal(s))),
    domain: Type.Optional(Type.String()),
    routeKind: Type.Union([Type.Literal('Ingress'), Type.Literal('HTTPRoute')]),
    ingressClassName: Type.Optional(Type.String()),
    gateway: Type.Optional(Type.Object({ name: Type.String(), namespace: Type.Optional(Type.String()) })),
    defaults: Type.Object(
      {},
      { additionalProperties: true, description: "The type's defaults with this one's overrides" },
    ),
    overrides: Type.Object({}, { additionalProperties: true }),
    schedule: Type.Union([
      Type.Object({ pause: Type.String(), resume: Type.String(), timezone: Type.String() }),
      Type.Null(),
    ]),
    expiresAt: nullableDate,
    pausedAt: nullableDate,
    origin: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()], {
      description: 'Where it came from: a clone, or the preview of a pull request',
    }),
    createdBy: Type.String(),
    owner: Type.Union([Type.String(), Type.Null()], {
      description: 'The owning team; null: shared, the platform’s (only admins manage it)',
    }),
    gitops: Type.Optional(GitOpsSettingsView),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'EnvironmentView' },
);

/** DNS label: what Kubernetes accepts for names of namespaces, services, environments. */
export const DnsLabel = Type.String({ minLength: 1, maxLength: 63, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' });

/** The answer to a deploy, new or again: the release stored, and warnings the guardrails gave. */
export const DeployAccepted = Type.Object(
  {
    release: Type.Ref(ReleaseView),
    warnings: Type.Array(Type.String(), { description: 'e.g. a deploy freeze in warn mode' }),
  },
  { description: 'Stored and queued (or waiting for approval: status pending_approval)' },
);

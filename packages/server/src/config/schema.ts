import { type Static, Type } from '@sinclair/typebox';
import { defaultIngressNamespaces } from '@slipway/core';

/**
 * Slipway's configuration. One schema validates the file, the environment and the defaults,
 * so a mistake anywhere is reported with the path of the field that is wrong.
 */
/** Where a cluster's metrics are read: a Prometheus-compatible query API (metrics/source.ts). */
export const PrometheusSettingsSchema = Type.Object(
  {
    url: Type.String({ pattern: '^https?://', description: 'Base URL of the query API, e.g. https://prometheus:9090' }),
    auth: Type.Optional(
      Type.Union([
        Type.Object({ bearerToken: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
        Type.Object(
          { username: Type.String({ minLength: 1 }), password: Type.String({ minLength: 1 }) },
          { additionalProperties: false },
        ),
      ]),
    ),
    tls: Type.Optional(
      Type.Object(
        {
          caFile: Type.Optional(
            Type.String({ minLength: 1, description: 'PEM file of the CA(s) to trust instead of the system ones' }),
          ),
          insecureSkipVerify: Type.Optional(
            Type.Boolean({ description: 'Accept any certificate (test servers only)' }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    timeoutMs: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000, description: 'Per query' }),
  },
  { additionalProperties: false },
);

/** A Git host Slipway talks to, and the credentials it uses there (integrations/). */
export const IntegrationSchema = Type.Object(
  {
    host: Type.String({
      pattern: '^[A-Za-z0-9.-]+(:[0-9]{1,5})?$',
      description: "The host (and port, if not the scheme's) of the remotes: github.com, git.acme.internal:3000",
    }),
    kind: Type.Union([Type.Literal('github'), Type.Literal('gitlab'), Type.Literal('gitea'), Type.Literal('git')], {
      default: 'git',
      description: 'What the host runs: github (also GitHub Enterprise), gitlab, gitea, or any plain Git server',
    }),
    apiBaseUrl: Type.Optional(
      Type.String({ pattern: '^https?://', description: 'The provider API, e.g. https://ghe.acme.internal/api/v3' }),
    ),
    username: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'The user name sent with the token (github: x-access-token, gitlab: oauth2 by default)',
      }),
    ),
    tokenFile: Type.Optional(
      Type.String({ minLength: 1, description: 'File holding the token (a mounted Secret); read at each use' }),
    ),
    tokenEnv: Type.Optional(
      Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'Environment variable holding the token' }),
    ),
  },
  { additionalProperties: false },
);

export const ConfigSchema = Type.Object(
  {
    server: Type.Object(
      {
        host: Type.String({ default: '127.0.0.1', description: 'Address to listen on' }),
        port: Type.Integer({ minimum: 0, maximum: 65535, default: 7420, description: '0 picks a free port' }),
        publicUrl: Type.Optional(Type.String({ pattern: '^https?://', description: 'URL users reach Slipway at' })),
        bodyLimitBytes: Type.Integer({ minimum: 1024, default: 4 * 1024 * 1024 }),
        portalDir: Type.Optional(
          Type.String({
            description: "The built web portal (Vite's dist folder); default: packages/web/dist beside the server",
          }),
        ),
        shutdownGraceMs: Type.Integer({ minimum: 0, default: 10_000 }),
        authCacheSeconds: Type.Integer({
          minimum: 0,
          maximum: 300,
          default: 10,
          description:
            'How long a replica may remember a token and its roles between requests; changes clear it at once on every replica, so this only bounds a lost notification. 0: read them on every request',
        }),
        rateLimits: Type.Object(
          {
            tokensPerMinute: Type.Integer({
              minimum: 1,
              default: 10,
              description: 'Token creations (and sign-ins) one caller may make per minute',
            }),
            webhooksPerMinute: Type.Integer({
              minimum: 1,
              default: 300,
              description: 'Webhook deliveries per address',
            }),
            signInsPerMinute: Type.Integer({
              minimum: 1,
              default: 10,
              description:
                'Sign-in attempts (password, token for a password, OIDC callback) per address and per username',
            }),
          },
          { additionalProperties: false, default: {} },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    stateDir: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'Where this instance writes what it generates (first-login files, default key ring, catalog cache, its lock); ' +
          "default: the PGlite data directory's parent, or ~/.local/state/slipway/postgres-HOST-PORT-DATABASE",
      }),
    ),
    database: Type.Union(
      [
        Type.Object(
          {
            engine: Type.Literal('pglite'),
            dataDir: Type.String({ minLength: 1, description: "Directory for the embedded database, or 'memory://'" }),
          },
          { additionalProperties: false },
        ),
        Type.Object(
          {
            engine: Type.Literal('postgres'),
            url: Type.String({ pattern: '^postgres(ql)?://', description: 'postgres://user:password@host:port/db' }),
            poolSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          { additionalProperties: false },
        ),
      ],
      {
        description:
          "Default: PGlite in '.slipway/data' (set by loadConfig: a union default would leak into a given value)",
      },
    ),
    kubernetes: Type.Object(
      {
        kubeconfig: Type.Optional(Type.String({ minLength: 1, description: 'Path to a kubeconfig file' })),
        context: Type.Optional(Type.String({ minLength: 1 })),
        inCluster: Type.Boolean({ default: false, description: 'Use the pod ServiceAccount' }),
        ingressNamespaces: Type.Array(Type.String({ pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 }), {
          default: [...defaultIngressNamespaces],
          description:
            "Namespaces of the ingress controllers: routed workloads' NetworkPolicies admit traffic from their pods",
        }),
        prometheus: Type.Optional(PrometheusSettingsSchema),
      },
      { additionalProperties: false, default: {} },
    ),
    log: Type.Object(
      {
        level: Type.Union(
          ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
          { default: 'info' },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    provisioners: Type.Object(
      {
        files: Type.Array(Type.String({ minLength: 1 }), {
          default: [],
          description: 'YAML files of resource provisioners, matched before the built-in ones',
        }),
        watch: Type.Boolean({
          default: true,
          description:
            'Read the files again when they change (a mounted ConfigMap included); POST /provisioners/reload does it on demand',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    secrets: Type.Object(
      {
        keyFile: Type.Optional(
          Type.String({
            minLength: 1,
            description:
              'Key ring for secrets at rest (lines of id:base64key, first is primary); SLIPWAY_SECRET_KEYS holds the same text. Default: generated next to the data',
          }),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    environments: Type.Object(
      {
        namespacePrefix: Type.String({
          pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
          maxLength: 30,
          default: 'slipway',
          description:
            'Namespaces are named PREFIX-ENVIRONMENT unless an environment names its own; a trailing "-" is dropped (rw- is rw)',
        }),
        controllerIntervalMs: Type.Integer({
          minimum: 100,
          default: 10_000,
          description: 'How often time-to-live, pause schedules, deletions and approval expiries are looked at',
        }),
        driftScanIntervalSeconds: Type.Integer({
          minimum: 0,
          default: 300,
          description:
            'How often the live objects of every standing release are compared with it (drift.found); 0 turns it off',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    integrations: Type.Array(IntegrationSchema, {
      default: [],
      description: 'Git hosts and their credentials: for GitOps repositories (and template remotes)',
    }),
    github: Type.Object(
      {
        webhookSecret: Type.Optional(
          Type.String({ minLength: 16, description: 'Secret of the pull_request webhook (X-Hub-Signature-256)' }),
        ),
        token: Type.Optional(Type.String({ minLength: 1, description: 'Token for commit statuses on pull requests' })),
        apiUrl: Type.String({ pattern: '^https?://', default: 'https://api.github.com' }),
      },
      { additionalProperties: false, default: {} },
    ),
    auth: Type.Object(
      {
        sessionTtlSeconds: Type.Integer({
          minimum: 60,
          maximum: 30 * 86_400,
          default: 12 * 3600,
          description: 'How long a browser session lasts from sign-in, however active it is',
        }),
        secureCookies: Type.Boolean({
          default: false,
          description: 'Mark cookies Secure even when server.publicUrl is not https (TLS ends at a proxy)',
        }),
        oidc: Type.Optional(
          Type.Object(
            {
              issuer: Type.String({
                pattern: '^https?://',
                description: 'The OpenID Provider, e.g. https://accounts.google.com',
              }),
              clientId: Type.String({ minLength: 1 }),
              clientSecret: Type.Optional(
                Type.String({ minLength: 1, description: 'Left out: a public client (PKCE only)' }),
              ),
              redirectUrl: Type.Optional(
                Type.String({
                  pattern: '^https?://',
                  description: 'Default: server.publicUrl + /api/v1/auth/oidc/callback',
                }),
              ),
              scopes: Type.Array(Type.String({ minLength: 1 }), { default: ['openid', 'profile', 'email'] }),
              usernameClaim: Type.String({
                minLength: 1,
                default: 'preferred_username',
                description: 'Falls back to email, then sub',
              }),
              groupsClaim: Type.String({
                minLength: 1,
                default: 'groups',
                description: 'Groups become team memberships',
              }),
              linkExistingUsers: Type.Boolean({
                default: false,
                description:
                  'Link a first OIDC sign-in to an existing account of the same username (trust the provider)',
              }),
            },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    catalog: Type.Object(
      {
        refreshIntervalSeconds: Type.Integer({
          minimum: 0,
          default: 300,
          description: 'How often every catalog location is re-read (unchanged revisions are skipped); 0 turns it off',
        }),
        webhookSecret: Type.Optional(
          Type.String({ minLength: 16, description: 'Secret of the catalog push webhook (X-Hub-Signature-256)' }),
        ),
        allowedHosts: Type.Array(Type.String({ minLength: 1 }), {
          default: [],
          description:
            'Hosts (*.example.com) or CIDRs catalog locations may reach; empty: any public host. Internal addresses need an entry',
        }),
        allowFileUrls: Type.Boolean({
          default: false,
          description: "Allow file:// locations (they read the server's own disk): tests and single-host setups",
        }),
        fileRoots: Type.Array(Type.String({ minLength: 1 }), {
          default: [],
          description:
            'The folders file:// git locations and template remotes must lie in (symbolic links followed); with none, no file:// target is allowed',
        }),
        concurrency: Type.Integer({ minimum: 1, maximum: 32, default: 4, description: 'Locations read at once' }),
        cacheDir: Type.Optional(
          Type.String({ minLength: 1, description: 'Where git clones are cached. Default: next to the data' }),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    notifications: Type.Object(
      {
        timeoutSeconds: Type.Integer({
          minimum: 1,
          maximum: 120,
          default: 10,
          description: 'How long one webhook attempt may take before it counts as failed',
        }),
        maxAttempts: Type.Integer({
          minimum: 1,
          maximum: 30,
          default: 8,
          description: 'Attempts of a delivery before it is dead (kept, with its last error, for redelivery)',
        }),
        retryBaseMs: Type.Integer({
          minimum: 1,
          maximum: 3_600_000,
          default: 1000,
          description: 'The first retry waits up to this long; each further one up to twice as long (full jitter)',
        }),
        retryMaxMs: Type.Integer({
          minimum: 1,
          maximum: 86_400_000,
          default: 900_000,
          description: 'The longest wait between two attempts',
        }),
        perSecond: Type.Number({
          exclusiveMinimum: 0,
          maximum: 10_000,
          default: 20,
          description: 'Requests per second to one destination, all replicas together (bursts of twice that)',
        }),
        retentionDays: Type.Integer({
          minimum: 1,
          maximum: 3650,
          default: 90,
          description:
            'Events older than this are deleted with their deliveries and inbox rows (hourly), unless a delivery is still due',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    leaderElection: Type.Object(
      {
        enabled: Type.Boolean({
          default: false,
          description:
            'Run the work that must happen once (environment schedules and expiry, catalog refresh) on one replica at a time, under a Kubernetes Lease',
        }),
        namespace: Type.String({
          minLength: 1,
          default: 'slipway',
          description: "The Lease's namespace (Slipway's own)",
        }),
        leaseName: Type.String({ minLength: 1, default: 'slipway-leader' }),
        leaseDurationSeconds: Type.Integer({ minimum: 2, maximum: 300, default: 15 }),
        renewDeadlineSeconds: Type.Integer({ minimum: 1, maximum: 299, default: 10 }),
        retryPeriodSeconds: Type.Integer({ minimum: 1, maximum: 60, default: 2 }),
      },
      { additionalProperties: false, default: {} },
    ),
    bootstrap: Type.Object(
      {
        adminUsername: Type.String({ minLength: 1, default: 'admin' }),
        tokenFile: Type.Optional(Type.String({ description: 'Where the first admin token is written' })),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema>;
export type DatabaseSettings = Config['database'];

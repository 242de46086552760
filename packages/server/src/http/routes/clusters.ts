import { Type } from '@sinclair/typebox';
import { invalidInput } from '@slipway/core';
import { principalOf } from '../../auth/authenticate.ts';
import { defaultClusterName } from '../../clusters/registry.ts';
import type { ClusterRecord } from '../../db/stores/clusters.ts';
import { checkCluster } from '../../kube/cluster-check.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DnsLabel } from '../schemas/releases.ts';
import type { TypedApp } from '../typed-app.ts';

const ClusterView = Type.Object(
  {
    name: Type.String(),
    server: Type.String(),
    source: Type.Union([Type.Literal('configuration'), Type.Literal('registered')]),
    status: Type.String({ description: 'healthy, unreachable or unknown (not checked yet)' }),
    version: Type.Union([Type.String(), Type.Null()], { description: 'The Kubernetes version it reported' }),
    message: Type.String(),
    checkedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdBy: Type.Union([Type.String(), Type.Null()]),
    metricsSource: Type.Boolean({ description: "Whether a Prometheus is set for the cluster's metrics" }),
  },
  { $id: 'ClusterView' },
);

const RegisterBody = Type.Union(
  [
    Type.Object(
      {
        name: DnsLabel,
        kubeconfig: Type.String({
          minLength: 20,
          maxLength: 256_000,
          description: 'A kubeconfig with everything inline (certificates as *-data); its current context is used',
        }),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        name: DnsLabel,
        server: Type.String({ pattern: '^https?://', maxLength: 2000 }),
        token: Type.String({ minLength: 1, maxLength: 16_000, description: 'A ServiceAccount token' }),
        caData: Type.Optional(
          Type.String({ maxLength: 64_000, description: 'The CA certificate, base64 (PEM inside)' }),
        ),
        insecureSkipTlsVerify: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false },
    ),
  ],
  { description: 'A kubeconfig, or a ServiceAccount token with the API server and its CA' },
);
const Name = Type.Object({ name: DnsLabel });

const PrometheusBody = Type.Object(
  {
    url: Type.String({
      pattern: '^https?://',
      maxLength: 2000,
      description: 'Base URL of the query API',
      examples: ['https://prometheus.eu-west.example:9090'],
    }),
    bearerToken: Type.Optional(Type.String({ minLength: 1, maxLength: 16_000 })),
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Basic auth, with password' })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    ca: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64_000,
        description: 'PEM of the CA(s) its certificate is checked against',
      }),
    ),
    insecureSkipVerify: Type.Optional(Type.Boolean({ description: 'Accept any certificate (test servers only)' })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000, description: 'Per query; default 10000' })),
  },
  { additionalProperties: false },
);

/** Clusters environments live on. Credentials go in sealed and never come back out. */
export async function clusterRoutes(app: TypedApp) {
  const common = { tags: ['clusters'], security: bearer };
  const service = () => app.deps.platform.clusterService;
  app.addSchema(ClusterView);

  app.get(
    '/clusters',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: "Lists clusters: Slipway's own (default) and the registered ones, with their last health check",
        operationId: 'listClusters',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref(ClusterView)) }), ...authErrors },
      },
    },
    async () => {
      const registered = (await service().list()).map(view);
      const kube = app.deps.kube;
      if (!kube) return { items: registered };
      const own = await checkCluster(kube, 3000).then(
        (s) => ({ status: 'healthy', version: s.version, message: '' }),
        (e: Error) => ({ status: 'unreachable', version: null, message: e.message }),
      );
      const server = kube.getCurrentCluster()?.server ?? '';
      const first = {
        name: defaultClusterName,
        server,
        source: 'configuration' as const,
        checkedAt: app.deps.platform.now().toISOString(),
        createdBy: null,
        metricsSource: !!app.deps.config.kubernetes.prometheus,
        ...own,
      };
      return { items: [first, ...registered] };
    },
  );

  app.post(
    '/clusters',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Registers a cluster: its credentials are checked against it, then stored encrypted',
        operationId: 'registerCluster',
        body: RegisterBody,
        response: {
          201: Type.Object({ cluster: Type.Ref(ClusterView) }),
          400: Type.Ref(ErrorResponse),
          409: Type.Ref(ErrorResponse),
          503: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const { name, ...credentials } = request.body;
      const cluster = await service().register(name, credentials, principalOf(request).username);
      return reply.status(201).send({ cluster: view(cluster) });
    },
  );

  app.post(
    '/clusters/:name/check',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Checks a registered cluster now: reachable, and which Kubernetes version',
        operationId: 'checkCluster',
        params: Name,
        response: { 200: Type.Object({ cluster: Type.Ref(ClusterView) }), 400: Type.Ref(ErrorResponse), ...authErrors },
      },
    },
    async (request) => {
      const { name } = request.params;
      await service().check(name);
      const cluster = (await service().list()).find((c) => c.name === name) as ClusterRecord;
      return { cluster: view(cluster) };
    },
  );

  app.put(
    '/clusters/:name/prometheus',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary:
          "Sets the Prometheus a registered cluster's metrics are read from (checked with a query, stored encrypted)",
        operationId: 'setClusterPrometheus',
        params: Name,
        body: PrometheusBody,
        response: {
          200: Type.Object({ cluster: Type.Ref(ClusterView) }),
          400: Type.Ref(ErrorResponse),
          404: Type.Ref(ErrorResponse),
          503: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const body = request.body;
      if ((body.username === undefined) !== (body.password === undefined) || (body.bearerToken && body.username)) {
        throw invalidInput('Give a bearer token, or a username with a password, or neither', [
          {
            path: body.bearerToken ? '/bearerToken' : body.username ? '/password' : '/username',
            message: 'bearerToken, or username and password',
          },
        ]);
      }
      await service().setPrometheus(request.params.name, body);
      return { cluster: view(await registered(request.params.name)) };
    },
  );

  app.delete(
    '/clusters/:name/prometheus',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: "Forgets a registered cluster's Prometheus: its metrics are no longer read",
        operationId: 'deleteClusterPrometheus',
        params: Name,
        response: { 204: Type.Null(), 404: Type.Ref(ErrorResponse), ...authErrors },
      },
    },
    async (request, reply) => {
      await service().removePrometheus(request.params.name);
      return reply.status(204).send(null);
    },
  );

  const registered = async (name: string) => (await service().list()).find((c) => c.name === name) as ClusterRecord;

  app.delete(
    '/clusters/:name',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Unregisters a cluster no live environment uses; its credentials are deleted',
        operationId: 'deleteCluster',
        params: Name,
        response: { 204: Type.Null(), 404: Type.Ref(ErrorResponse), 409: Type.Ref(ErrorResponse), ...authErrors },
      },
    },
    async (request, reply) => {
      await service().remove(request.params.name);
      return reply.status(204).send(null);
    },
  );
}

function view(c: ClusterRecord) {
  return {
    name: c.name,
    server: c.server,
    source: 'registered' as const,
    status: c.status,
    version: c.version,
    message: c.message,
    checkedAt: c.checkedAt?.toISOString() ?? null,
    createdBy: c.createdBy,
    metricsSource: c.sealedPrometheus !== null,
  };
}

import type { EnvironmentContext, ResolvedResource, ScoreWorkload } from '../../src/index.ts';

/** A development-like environment: Ingress routes, two replicas, default container resources. */
export const environment: EnvironmentContext = {
  name: 'development',
  type: 'development',
  namespace: 'team-a-dev',
  domain: 'dev.example.test',
  routeKind: 'Ingress',
  ingressClassName: 'nginx',
  defaults: {
    replicas: 2,
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    progressDeadlineSeconds: 300,
  },
};

export const gatewayEnvironment: EnvironmentContext = {
  ...environment,
  name: 'staging',
  type: 'staging',
  namespace: 'team-a-staging',
  routeKind: 'HTTPRoute',
  gateway: { name: 'public', namespace: 'gateways' },
};

export const productionEnvironment: EnvironmentContext = {
  ...environment,
  name: 'production',
  type: 'production',
  namespace: 'team-a-prod',
  defaults: {
    replicas: 3,
    progressDeadlineSeconds: 600,
    autoscaling: { minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 70 },
    disruptionBudget: { minAvailable: 1 },
  },
};

type Outputs = { outputs: Record<string, unknown>; secretOutputs?: string[] };

/**
 * Outputs shaped like those of Slipway's built-in provisioners (and score-k8s's defaults), made
 * up per resource type. Test data: the renderer only reads outputs, whoever produced them.
 */
function outputsFor(workload: string, name: string, type: string, params: Record<string, unknown>): Outputs {
  const host = `${workload}-${name}`;
  switch (type) {
    case 'postgres':
    case 'postgres-instance':
    case 'mysql': {
      const port = type === 'mysql' ? 3306 : 5432;
      return {
        outputs: {
          host,
          port,
          name: 'app',
          database: 'app',
          username: 'app',
          password: 's3cr3t-pw',
          url: `postgres://app:s3cr3t-pw@${host}:${port}/app`,
        },
        secretOutputs: ['password', 'url'],
      };
    }
    case 'redis':
      return {
        outputs: {
          host,
          port: 6379,
          username: 'default',
          password: 'r3dis-pw',
          url: `redis://default:r3dis-pw@${host}:6379`,
        },
        secretOutputs: ['password', 'url'],
      };
    case 'dns':
      return { outputs: { host: `${host}.dev.example.test`, url: `https://${host}.dev.example.test` } };
    case 'route':
      return { outputs: {} };
    case 'volume':
      return params.claim
        ? { outputs: { claimSpec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } }
        : { outputs: { source: { emptyDir: {} } } };
    case 'service-port': {
      const hostname = String(params.workload ?? host);
      return { outputs: { host: hostname, hostname, port: Number(params.port ?? 8080) } };
    }
    default:
      return { outputs: { name: host, host, port: 8080, url: `http://${host}:8080` } };
  }
}

export function fakeResources(workload: ScoreWorkload): Record<string, ResolvedResource> {
  const out: Record<string, ResolvedResource> = {};
  for (const [name, r] of Object.entries(workload.resources ?? {})) {
    const { outputs, secretOutputs = [] } = outputsFor(workload.metadata.name, name, r.type, r.params ?? {});
    out[name] = {
      name,
      type: r.type,
      class: r.class ?? 'default',
      id: r.id ?? `${workload.metadata.name}.${name}`,
      provisioner: `test/${r.type}`,
      outputs,
      secretOutputs,
      manifests: [],
      shared: r.id !== undefined,
    };
  }
  return out;
}

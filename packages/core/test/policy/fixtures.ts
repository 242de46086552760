// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Score placeholders are written ${...} in plain strings
import {
  type EnvironmentContext,
  type KubeObject,
  type PolicyInput,
  parseScore,
  type RenderInput,
  type ResolvedResource,
  renderWorkload,
  type ScoreWorkload,
} from '../../src/index.ts';

/** An environment that fills in nothing: what the policies see is what the workload wrote. */
export const bare: EnvironmentContext = {
  name: 'production',
  type: 'production',
  namespace: 'team-a-prod',
  routeKind: 'Ingress',
  defaults: { replicas: 2, progressDeadlineSeconds: 600 },
};

export const withDefaultResources: EnvironmentContext = {
  ...bare,
  defaults: {
    ...bare.defaults,
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
  },
};

export const autoscaling = (minReplicas: number): EnvironmentContext => ({
  ...bare,
  defaults: { ...bare.defaults, autoscaling: { minReplicas, maxReplicas: 10, targetCPUUtilizationPercentage: 70 } },
});

export const digest = `sha256:${'ab12'.repeat(16)}`;

export const workload = (yaml: string): ScoreWorkload => parseScore(`apiVersion: score.dev/v1b1\n${yaml}`);

/** A workload every built-in policy but require-image-digest accepts in `bare`. */
export const compliantYaml = `
metadata:
  name: web
containers:
  web:
    image: ghcr.io/acme/web:1.4.2
    readinessProbe:
      httpGet:
        path: /readyz
        port: 8080
    resources:
      requests:
        cpu: 250m
        memory: 256Mi
      limits:
        memory: 512Mi
`;

export const compliant = workload(compliantYaml);

/** A copy of the compliant workload with the web container changed. */
export function webWith(change: (c: Record<string, unknown>) => void, base: ScoreWorkload = compliant): ScoreWorkload {
  const copy = structuredClone(base);
  change(copy.containers.web as unknown as Record<string, unknown>);
  return copy;
}

/** Outputs as a volume provisioner gives them, or a made-up service for any other type. */
function resolved(w: ScoreWorkload, volumeSource: Record<string, unknown>): Record<string, ResolvedResource> {
  return Object.fromEntries(
    Object.entries(w.resources ?? {}).map(([name, r]) => [
      name,
      {
        name,
        type: r.type,
        class: 'default',
        id: `${w.metadata.name}.${name}`,
        provisioner: `test/${r.type}`,
        outputs: r.type === 'volume' ? { source: volumeSource } : { host: `${w.metadata.name}-${name}`, port: 8080 },
        secretOutputs: [],
        manifests: [],
        shared: false,
      },
    ]),
  );
}

/** Renders a workload as a deploy would and gives the policies' input. */
export function release(
  w: ScoreWorkload,
  options: Partial<Pick<RenderInput, 'environment' | 'image'>> & { volumeSource?: Record<string, unknown> } = {},
): PolicyInput {
  const { objects } = renderWorkload({
    workload: w,
    environment: options.environment ?? bare,
    resources: resolved(w, options.volumeSource ?? { emptyDir: {} }),
    release: 'rel-001',
    ...(options.image ? { image: options.image } : {}),
  });
  return { workload: w, objects };
}

// biome-ignore lint/suspicious/noExplicitAny: tests reach into rendered objects of any kind
export type Any = Record<string, any>;

export const find = (input: PolicyInput, kind: string) => input.objects.find((o) => o.kind === kind) as Any;

/** A release with extra objects, e.g. the manifests of a provisioner. */
export const plus = (input: PolicyInput, ...objects: KubeObject[]): PolicyInput => ({
  workload: input.workload,
  objects: [...input.objects, ...objects],
});

const pod = (containers: Any[], extra: Any = {}) => ({ spec: { containers, ...extra } });

export const job = (name: string, containers: Any[]): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'team-a-prod' },
  spec: { template: pod(containers, { restartPolicy: 'Never' }) },
});

export const cronJob = (name: string, containers: Any[]): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name, namespace: 'team-a-prod' },
  spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: pod(containers, { restartPolicy: 'Never' }) } } },
});

export const daemonSet = (name: string, containers: Any[], podSpec: Any = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'team-a-prod' },
  spec: { selector: { matchLabels: { app: name } }, template: pod(containers, podSpec) },
});

export const statefulSet = (name: string, replicas: number | undefined, containers: Any[]): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name, namespace: 'team-a-prod' },
  spec: { replicas, serviceName: name, selector: { matchLabels: { app: name } }, template: pod(containers) },
});

/** A container every policy accepts, for objects that are not the workload's. */
export const goodContainer = (name: string, overrides: Any = {}): Any => ({
  name,
  image: `ghcr.io/acme/${name}@${digest}`,
  readinessProbe: { exec: { command: ['true'] } },
  resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
  ...overrides,
});

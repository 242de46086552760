/** Realistic objects of one service, `shop`, as Slipway renders them and as the cluster returns them. */
import type { KubeObject } from '../../src/kube/object.ts';

export const namespace = 'shop-prod';

export function deployment(image = 'nginx:1.27', env: Array<{ name: string; value: string }> = []): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace, labels: { 'app.kubernetes.io/name': 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image,
              ports: [{ name: 'http', containerPort: 8080 }],
              env: [{ name: 'PORT', value: '8080' }, ...env],
              resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: 0.5, memory: '1Gi' } },
              volumeMounts: [{ name: 'cache', mountPath: '/var/cache/nginx' }],
            },
            { name: 'metrics', image: 'prom/statsd-exporter:v0.26.0', args: ['--statsd.listen-udp=:9125'] },
          ],
          volumes: [{ name: 'cache', emptyDir: {} }],
        },
      },
    },
  };
}

export function service(port = 80): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace },
    spec: {
      selector: { 'app.kubernetes.io/name': 'web' },
      ports: [{ name: 'http', port, targetPort: 8080 }],
    },
  };
}

export function ingress(): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }],
          },
        },
      ],
    },
  };
}

export function configMap(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'web-config', namespace },
    data: { 'nginx.conf': 'worker_processes 2;' },
  };
}

export function secret(stringData: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'web-db', namespace },
    type: 'Opaque',
    stringData,
  };
}

/** Standard base64 of UTF-8 text, written independently of the code under test. */
export const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** What the API server returns for an applied object: defaults, server metadata, status. */
export function asLive(o: KubeObject, extra: (live: KubeObject) => void = () => {}): KubeObject {
  const live = structuredClone(o);
  live.metadata = {
    ...live.metadata,
    uid: '0b5c7a4e-8f3e-4b8e-9a53-2f0c1f1d9e11',
    resourceVersion: '48213',
    generation: 3,
    creationTimestamp: '2025-06-01T09:00:00Z',
    managedFields: [{ manager: 'slipway', operation: 'Apply', fieldsType: 'FieldsV1' }],
    annotations: { ...(live.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': '3' },
  };
  extra(live);
  return live;
}

type Container = Record<string, unknown> & { name: string };

/** The containers of a Deployment's pod template, for editing in place. */
export function containersOf(o: KubeObject): Container[] {
  const template = (o.spec as { template: { spec: { containers: Container[] } } }).template;
  return template.spec.containers;
}

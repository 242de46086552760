import type { EnvironmentContext, KubeObject } from '@slipway/core';

/** Objects as rendering produces them for a small web service: the engine's input. */
export function webObjects(
  namespace: string,
  options: {
    image?: string;
    fault?: string;
    /** testbed.slipway.dev/delay: how long the pods take to turn Ready (a Go duration). */
    delay?: string;
    greeting?: string;
    withService?: boolean;
    /** As rendering sets them from the environment's defaults. */
    progressDeadlineSeconds?: number;
    replicas?: number;
  } = {},
): KubeObject[] {
  const annotations = {
    ...(options.fault ? { 'testbed.slipway.dev/fault': options.fault } : {}),
    ...(options.delay ? { 'testbed.slipway.dev/delay': options.delay } : {}),
  };
  const selector = { 'app.kubernetes.io/name': 'web', 'slipway.dev/service': 'web' };
  const labels = { ...selector, 'slipway.dev/environment': 'dev', 'app.kubernetes.io/managed-by': 'slipway' };
  const objects: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'web-env', namespace, labels },
      data: { GREETING: options.greeting ?? 'hello' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace, labels },
      spec: {
        replicas: options.replicas ?? 2,
        progressDeadlineSeconds: options.progressDeadlineSeconds ?? 600,
        selector: { matchLabels: selector },
        template: {
          metadata: {
            labels,
            ...(Object.keys(annotations).length ? { annotations } : {}),
          },
          spec: {
            containers: [
              { name: 'web', image: options.image ?? 'nginx:1.27', envFrom: [{ configMapRef: { name: 'web-env' } }] },
            ],
          },
        },
      },
    },
  ];
  if (options.withService !== false) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace, labels },
      spec: { selector, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    });
  }
  return objects;
}

export function environment(namespace: string, progressDeadlineSeconds = 60): EnvironmentContext {
  return {
    name: `env-${namespace}`,
    type: 'development',
    namespace,
    routeKind: 'Ingress',
    defaults: { replicas: 2, progressDeadlineSeconds },
  };
}

import type { EnvironmentContext } from '../../src/environments/context.ts';

export const environment: EnvironmentContext = {
  name: 'development',
  type: 'development',
  namespace: 'shop-dev',
  domain: 'dev.example.com',
  routeKind: 'Ingress',
  defaults: { replicas: 1, progressDeadlineSeconds: 600 },
};

export const seed = 'test-seed-0123456789';

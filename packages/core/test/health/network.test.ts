import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { httpRouteHealth } from '../../src/health/httproute.ts';
import { ingressHealth } from '../../src/health/ingress.ts';
import { serviceHealth } from '../../src/health/service.ts';
import type { HealthResult, HealthStatus } from '../../src/health/status.ts';
import type { KubeObject } from '../../src/kube/object.ts';
import { ago, merge, namespace } from './fixtures.ts';

const table = (fn: (o: KubeObject) => HealthResult, cases: Array<[string, KubeObject, HealthStatus, string]>) => {
  for (const [name, obj, status, message] of cases) it(name, () => assert.deepEqual(fn(obj), { status, message }));
};

const clusterIp: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace },
  spec: {
    type: 'ClusterIP',
    clusterIP: '10.96.143.27',
    clusterIPs: ['10.96.143.27'],
    ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
    selector: { 'slipway.dev/service': 'web' },
    sessionAffinity: 'None',
  },
  status: { loadBalancer: {} },
};
const loadBalancer = merge(clusterIp, { spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Cluster' } });

describe('serviceHealth', () => {
  table(serviceHealth, [
    ['ClusterIP exists', clusterIp, 'Healthy', ''],
    ['LoadBalancer without address', loadBalancer, 'Progressing', 'Waiting for the load balancer to get an address'],
    [
      'LoadBalancer with an IP',
      merge(loadBalancer, { status: { loadBalancer: { ingress: [{ ip: '203.0.113.10', ipMode: 'VIP' }] } } }),
      'Healthy',
      'Load balancer at 203.0.113.10',
    ],
    [
      'LoadBalancer with a hostname',
      merge(loadBalancer, {
        status: { loadBalancer: { ingress: [{ hostname: 'a1b2c3.elb.eu-west-1.amazonaws.com' }] } },
      }),
      'Healthy',
      'Load balancer at a1b2c3.elb.eu-west-1.amazonaws.com',
    ],
  ]);
});

const ingress: KubeObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace, generation: 1 },
  spec: {
    ingressClassName: 'nginx',
    rules: [
      {
        host: 'web.dev.example.com',
        http: {
          paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }],
        },
      },
    ],
  },
  status: { loadBalancer: {} },
};

describe('ingressHealth', () => {
  table(ingressHealth, [
    ['no address published yet', ingress, 'Progressing', 'Waiting for the ingress controller to publish an address'],
    [
      'address published',
      merge(ingress, { status: { loadBalancer: { ingress: [{ ip: '172.18.0.2' }] } } }),
      'Healthy',
      'Served at 172.18.0.2',
    ],
  ]);
});

const parentCondition = (type: string, status: string, reason: string, message: string, observedGeneration = 2) => ({
  type,
  status,
  reason,
  message,
  observedGeneration,
  lastTransitionTime: ago(30),
});
const route: KubeObject = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'web', namespace, generation: 2 },
  spec: {
    parentRefs: [{ name: 'public', namespace: 'gateways' }],
    hostnames: ['web.dev.example.com'],
    rules: [{ backendRefs: [{ name: 'web', port: 80 }] }],
  },
};
const routeStatus = (...conditions: unknown[]) => ({
  status: {
    parents: [
      {
        parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'gateways' },
        controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
        conditions,
      },
    ],
  },
});

describe('httpRouteHealth', () => {
  table(httpRouteHealth, [
    ['no Gateway has seen it', route, 'Progressing', 'Waiting for a Gateway to accept the route'],
    [
      'accepted, refs resolved',
      merge(
        route,
        routeStatus(
          parentCondition('Accepted', 'True', 'Accepted', 'Route is accepted'),
          parentCondition('ResolvedRefs', 'True', 'ResolvedRefs', 'Resolved all the Object references for the Route'),
        ),
      ),
      'Healthy',
      'Accepted by its Gateway',
    ],
    [
      'backend Service missing',
      merge(
        route,
        routeStatus(
          parentCondition('Accepted', 'True', 'Accepted', 'Route is accepted'),
          parentCondition('ResolvedRefs', 'False', 'BackendNotFound', 'Service shop-dev/web not found'),
        ),
      ),
      'Degraded',
      'public: Service shop-dev/web not found',
    ],
    [
      'status from an older generation',
      merge(route, routeStatus(parentCondition('Accepted', 'True', 'Accepted', 'Route is accepted', 1))),
      'Progressing',
      'Waiting for public to pick up the latest change',
    ],
  ]);
});

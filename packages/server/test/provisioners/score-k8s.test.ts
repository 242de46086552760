/**
 * score-k8s provisioner files, as the Score community and score-k8s publish them (copied
 * unchanged into fixtures/score-k8s), loaded by the server and rendered by the Go engine
 * (text/template + sprig, the gotemplate program): outputs, manifests, secret references, state
 * stable across deploys, and errors that name the file, the entry and the template.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  type EnvironmentContext,
  type Provisioner,
  type ResourceRequest,
  resolveResources,
  type ScoreWorkload,
  SlipwayError,
} from '@slipway/core';
import { parse } from 'yaml';
import { loadProvisioners } from '../../src/deploy/platform.ts';
import { provisionResources } from '../../src/deploy/resources.ts';
import { renderScoreK8s } from '../../src/provisioners/gotemplate.ts';

const root = join(import.meta.dirname, 'fixtures', 'score-k8s');
const files = ['community', 'score-k8s'].flatMap((dir) =>
  readdirSync(join(root, dir)).map((name) => join(root, dir, name)),
);
const fixture = (name: string) => files.find((f) => f.endsWith(`/${name}`)) as string;

const environment: EnvironmentContext = {
  name: 'dev',
  type: 'development',
  namespace: 'shop-dev',
  routeKind: 'Ingress',
  defaults: { replicas: 1, progressDeadlineSeconds: 600 },
};

async function provision(
  provisioners: readonly Provisioner[],
  resources: Record<string, Omit<ResourceRequest, 'name'>>,
  seed = 'seed',
) {
  const result = resolveResources({
    workloadName: 'web',
    workloadPorts: { http: { port: 80, targetPort: 8080 } },
    resources,
    environment,
    provisioners,
    seed,
  });
  return (await renderScoreK8s(result)).resolved;
}

function refusal(error: unknown): SlipwayError {
  assert.ok(error instanceof SlipwayError, String(error));
  assert.equal(error.code, 'invalid_input');
  return error;
}

describe('score-k8s provisioner files', () => {
  it('every community and default file loads unchanged, one provisioner per entry', () => {
    assert.equal(files.length, 18);
    for (const file of files) {
      const entries = parse(readFileSync(file, 'utf8')) as Array<{ uri: string; type: string }>;
      const loaded = loadProvisioners([file]);
      assert.deepEqual(
        loaded.map((p) => [p.kind, p.id, p.match.type]),
        entries.map((e) => ['score-k8s', e.uri, e.type]),
        file,
      );
    }
  });

  it("renders the community's HPA with its defaults, for the workload's Deployment", async () => {
    const resolved = await provision(loadProvisioners([fixture('10-hpa.provisioners.yaml')]), {
      hpa: { type: 'horizontal-pod-autoscaler', params: { maxReplicas: 20 } },
    });
    const [hpa] = resolved.hpa?.manifests ?? [];
    assert.equal(hpa?.kind, 'HorizontalPodAutoscaler');
    assert.equal(hpa?.metadata.namespace, 'shop-dev');
    assert.deepEqual(hpa?.spec, {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
      ],
    });
  });

  it('gives dns-with-url a random host that stays the same on every deploy, and another in another installation', async () => {
    const provisioners = loadProvisioners([fixture('10-dns-with-url.provisioners.yaml')]);
    const host = async (seed: string) => (await provision(provisioners, { dns: { type: 'dns' } }, seed)).dns?.outputs;
    const first = await host('seed');
    assert.match(String(first?.host), /^dns[a-z0-9]{6}\.localhost$/);
    assert.equal(first?.url, `http://${first?.host}:80`);
    assert.deepEqual(await host('seed'), first);
    assert.notDeepEqual(await host('other-seed'), first);
  });

  it("checks the route's port against the workload's service ports (.WorkloadServices)", async () => {
    const provisioners = loadProvisioners([fixture('10-ingress-route.provisioners.yaml')]);
    const resolved = await provision(provisioners, {
      route: { type: 'route', params: { host: 'shop.localhost', path: '/', port: 80 } },
    });
    const [ingress] = resolved.route?.manifests ?? [];
    assert.equal(ingress?.kind, 'Ingress');
    assert.match(ingress?.metadata.name ?? '', /^route-web-[0-9a-f]{8}$/);
    type Rules = { rules?: Array<{ host: string; http: { paths: Array<{ backend: unknown }> } }> };
    const rule = (ingress?.spec as Rules | undefined)?.rules?.[0];
    assert.equal(rule?.host, 'shop.localhost');
    assert.deepEqual(rule?.http.paths[0]?.backend, { service: { name: 'web', port: { number: 80 } } });
    const unknown = await provision(provisioners, {
      route: { type: 'route', params: { host: 'shop.localhost', path: '/', port: 9999 } },
    }).catch((e: unknown) => e);
    assert.match(refusal(unknown).message, /params\.port is not a named service port/);
  });

  it("turns score-k8s's secret references into secret outputs, read from the provisioner's own Secret", async () => {
    const resolved = await provision(loadProvisioners([fixture('zz-default.provisioners.yaml')]), {
      cache: { type: 'redis' },
    });
    const cache = resolved.cache;
    assert.deepEqual(cache?.secretOutputs, ['password']);
    assert.match(String(cache?.outputs.password), /^[A-Za-z0-9]{16}$/);
    assert.equal(cache?.outputs.port, 6379);
    assert.deepEqual(cache?.manifests.map((m) => m.kind).sort(), ['Secret', 'Service', 'StatefulSet']);
    for (const m of cache?.manifests ?? []) assert.equal(m.metadata.labels?.['slipway.dev/resource'], 'web-cache');
  });

  it('names the file, the entry and the template when a template fails', async () => {
    const provisioners = loadProvisioners([fixture('10-ingress-route.provisioners.yaml')]);
    const error = refusal(
      await provision(provisioners, { route: { type: 'route', params: { host: 'Not A Host', path: '/', port: 80 } } })
        .then(() => assert.fail('expected an error'))
        .catch((e: unknown) => e),
    );
    assert.match(
      error.message,
      /^Resource "route" could not be provisioned: the score-k8s provisioner template:\/\/community-provisioners\/ingress-route in \/.*\/10-ingress-route\.provisioners\.yaml at \/0, its init template, failed: .*init:2:.*params\.host must be a valid hostname but was Not A Host/,
    );
    assert.equal(error.fields?.[0]?.path, '/resources/route');
  });

  it('refuses a resource a cmd:// entry matches when a workload is deployed, before running anything', async () => {
    const workload = {
      apiVersion: 'score.dev/v1b1',
      metadata: { name: 'web' },
      containers: { main: { image: 'nginx' } },
      resources: { env: { type: 'environment' } },
    } as unknown as ScoreWorkload;
    const error = refusal(
      await provisionResources({
        workload,
        environment,
        provisioners: loadProvisioners([fixture('10-env.provisioners.yaml')]),
        seed: 'seed',
      }).catch((e: unknown) => e),
    );
    assert.match(error.message, /cmd:\/\/python3#dotenv in .*10-env\.provisioners\.yaml at \/0, which runs a program/);
    assert.match(error.hint ?? '', /template:\/\//);
  });
});

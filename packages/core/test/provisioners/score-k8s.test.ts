/**
 * score-k8s provisioner files read as they are: recognised by their shape, every wrong field
 * reported at once by JSON Pointer, cmd:// entries loaded (never run) and refused when matched.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EnvironmentContext } from '../../src/environments/context.ts';
import { SlipwayError } from '../../src/errors/index.ts';
import { parseProvisioners, type ScoreK8sProvisioner } from '../../src/provisioners/model.ts';
import { resolveResources } from '../../src/provisioners/resolve.ts';

function refusal(fn: () => unknown): SlipwayError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SlipwayError, String(error));
    return error;
  }
  assert.fail('expected an error');
}

const file = `
- uri: template://example/redis
  type: redis
  class: cache
  description: A Redis of its own
  supported_params: [size]
  expected_outputs: [host, port]
  init: |
    port: 6379
  state: |
    service: redis-{{ .Guid | trunc 8 }}
  shared: ""
  outputs: |
    host: {{ .State.service }}
    port: {{ .Init.port }}
  manifests: |
    []
- uri: cmd://bash#dotenv
  type: environment
  args: [-c, "echo hi"]
- uri: template://example/shared-db
  type: postgres
  id: main
  class: null
`;

const environment: EnvironmentContext = {
  name: 'dev',
  type: 'development',
  namespace: 'shop-dev',
  routeKind: 'Ingress',
  defaults: { replicas: 1, progressDeadlineSeconds: 600 },
};

describe('score-k8s provisioner files', () => {
  it('load unchanged as score-k8s provisioners that keep their templates and origin', () => {
    const [redis, dotenv, db] = parseProvisioners(file, 'redis.provisioners.yaml') as ScoreK8sProvisioner[];
    assert.equal(redis?.kind, 'score-k8s');
    assert.equal(redis?.id, 'template://example/redis');
    assert.deepEqual(redis?.match, { type: 'redis', class: 'cache' });
    assert.deepEqual(Object.keys(redis?.templates ?? {}), ['init', 'state', 'outputs', 'manifests']);
    assert.deepEqual(redis?.supportedParams, ['size']);
    assert.deepEqual(redis?.expectedOutputs, ['host', 'port']);
    assert.deepEqual(redis?.origin, { file: 'redis.provisioners.yaml', entry: '/0' });
    assert.deepEqual(dotenv?.command, { args: ['-c', 'echo hi'] });
    assert.deepEqual(db?.match, { type: 'postgres', id: 'main' });
  });

  it('reports every wrong field of every entry at once, by JSON Pointer', () => {
    const error = refusal(() =>
      parseProvisioners(
        `
- uri: template://a
  type: redis
  chart: nope
  init: [1, 2]
- uri: https://example.com/p
  type: redis
- uri: template://b
  supported_params: size
  "we/ird": 1
- type: redis
- just a string
`,
        'bad.provisioners.yaml',
      ),
    );
    assert.equal(error.code, 'invalid_input');
    assert.match(error.message, /^bad\.provisioners\.yaml is not valid: \/0\/chart .* \(and 7 more\)$/);
    assert.deepEqual(
      error.fields?.map((f) => f.path),
      ['/0/chart', '/0/init', '/1/uri', '/2/we~1ird', '/2/type', '/2/supported_params', '/3/uri', '/4'],
    );
    assert.match(
      error.fields?.[2]?.message ?? '',
      /scheme "https"; score-k8s provisioners are template:\/\/ or cmd:\/\//,
    );
    assert.match(error.hint ?? '', /score-k8s provisioners file/);
  });

  it('reads a document with our kind: as ours', () => {
    const error = refusal(() => parseProvisioners('- uri: template://a\n  kind: template\n  id: a\n'));
    assert.ok(error.fields?.some((f) => f.path === '/0/match'));
  });

  it('refuses a resource a cmd:// entry matches, naming the entry and its file, and runs nothing', () => {
    const provisioners = parseProvisioners(file, 'env.provisioners.yaml');
    const error = refusal(() =>
      resolveResources({
        workloadName: 'web',
        resources: { env: { type: 'environment' } },
        environment,
        provisioners,
        seed: 's',
      }),
    );
    assert.equal(error.code, 'invalid_input');
    assert.deepEqual(error.fields?.[0]?.path, '/resources/env');
    assert.match(
      error.message,
      /Resource "env" is matched by the score-k8s provisioner cmd:\/\/bash#dotenv in env\.provisioners\.yaml at \/1, which runs a program; Slipway does not run cmd:\/\/ provisioners/,
    );
  });

  it("hands the server score-k8s's context for the Go engine, derived the same on every deploy", () => {
    const provisioners = parseProvisioners(file, 'redis.provisioners.yaml');
    const resolve = () =>
      resolveResources({
        workloadName: 'web',
        workloadAnnotations: { team: 'a' },
        workloadPorts: { http: { port: 80, targetPort: 8080 } },
        resources: { cache: { type: 'redis', class: 'cache', params: { size: 2 } } },
        environment,
        provisioners,
        seed: 's',
      });
    const first = resolve();
    assert.deepEqual(first.scoreK8sRenders, resolve().scoreK8sRenders);
    const [request] = first.scoreK8sRenders;
    assert.equal(request?.resource, 'cache');
    assert.deepEqual(request?.origin, { file: 'redis.provisioners.yaml', entry: '/0' });
    const data = request?.data;
    assert.match(data?.Guid ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(data?.Uid, 'redis.cache#web.cache');
    assert.deepEqual([data?.Type, data?.Class, data?.Id, data?.Namespace], ['redis', 'cache', 'web.cache', 'shop-dev']);
    assert.deepEqual(data?.Params, { size: 2 });
    assert.equal(data?.SourceWorkload, 'web');
    assert.deepEqual(data?.WorkloadMetadata, { name: 'web', annotations: { team: 'a' } });
    assert.deepEqual(data?.WorkloadServices.web?.Ports.http, {
      Name: 'http',
      Port: 80,
      TargetPort: 8080,
      Protocol: 'TCP',
    });
    assert.equal(data?.WorkloadServices.web?.Ports['80']?.Name, 'http');
    // Outputs are filled in by the server once the templates ran.
    assert.deepEqual(first.resolved.cache?.outputs, {});
  });
});

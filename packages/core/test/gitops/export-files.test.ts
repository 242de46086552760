import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import {
  environmentFolder,
  environmentNamespaceObjects,
  exportFiles,
  exportHeader,
  type KubeObject,
  kustomizationFile,
} from '../../src/index.ts';

const namespace = 'slipway-staging';
const labels = { 'app.kubernetes.io/managed-by': 'slipway' };
const deployment = (name: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace, labels },
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } } },
});
const service = (name: string): KubeObject => ({
  kind: 'Service',
  apiVersion: 'v1',
  spec: { ports: [{ port: 80 }] },
  metadata: { namespace, name },
});
const environmentObjects = environmentNamespaceObjects({
  environment: 'staging',
  namespace,
  type: { name: 'staging', quota: { 'limits.cpu': '4' } } as never,
});

const files = exportFiles({
  environment: 'staging',
  environmentObjects,
  releases: [
    { service: 'web', number: 3, objects: [deployment('web'), service('web')] },
    { service: 'cart', number: 12, objects: [service('cart'), deployment('cart')] },
  ],
});
const byPath = new Map(files.map((f) => [f.path, f.content]));

test('an export is a kustomization listing one file per object, in apply order', () => {
  assert.equal(files[0]?.path, kustomizationFile);
  const kustomization = parse(files[0]?.content ?? '') as { kind: string; resources: string[] };
  assert.equal(kustomization.kind, 'Kustomization');
  assert.deepEqual(kustomization.resources, [
    `${environmentFolder}/namespace-${namespace}.yaml`,
    `${environmentFolder}/resourcequota-slipway-quota.yaml`,
    `${environmentFolder}/networkpolicy-slipway-default-deny.yaml`,
    'cart/service-cart.yaml',
    'web/service-web.yaml',
    'cart/deployment-cart.yaml',
    'web/deployment-web.yaml',
  ]);
  assert.deepEqual(
    files.slice(1).map((f) => f.path),
    kustomization.resources,
  );
});

test("the kustomization names the environment and each service's release", () => {
  const text = byPath.get(kustomizationFile) ?? '';
  assert.ok(
    text.startsWith(`${exportHeader}\n# Environment staging.\n# Releases:\n#   cart: release 12\n#   web: release 3\n`),
  );
});

test('each file holds exactly its object, apiVersion, kind and metadata first', () => {
  const text = byPath.get('cart/service-cart.yaml') ?? '';
  assert.deepEqual(parse(text), service('cart'));
  assert.ok(
    text.startsWith('apiVersion: v1\nkind: Service\nmetadata:\n  name: cart\n  namespace: slipway-staging\nspec:'),
  );
  assert.equal(parseAllDocuments(text).length, 1);
  assert.deepEqual(parse(byPath.get('web/deployment-web.yaml') ?? ''), deployment('web'));
});

test('objects whose kind and name repeat in one folder get their group and namespace in the file name', () => {
  const other = { ...service('web'), apiVersion: 'serving.knative.dev/v1' };
  const paths = exportFiles({
    environment: 'staging',
    environmentObjects: [],
    releases: [{ service: 'web', number: 1, objects: [service('web'), other] }],
  }).map((f) => f.path);
  assert.deepEqual(paths.slice(1).sort(), [
    'web/service-web.core.slipway-staging.yaml',
    'web/service-web.serving.knative.dev.slipway-staging.yaml',
  ]);
});

test('an environment without releases exports its own objects', () => {
  const only = exportFiles({ environment: 'staging', environmentObjects, releases: [] });
  assert.equal(only.length, environmentObjects.length + 1);
  assert.ok(!(only[0]?.content ?? '').includes('# Releases:'));
});

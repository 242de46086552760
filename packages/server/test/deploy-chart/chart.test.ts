import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CoreV1Api, type V1Deployment } from '@kubernetes/client-node';
import type { KubeObject } from '@slipway/core';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/config/load.ts';
import { findHelmBinary } from '../../src/provisioners/helm.ts';
import { kubectlBinary, testKubeConfigPath, useTestNamespace } from '../harness/cluster.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const chart = join(root, 'deploy', 'helm', 'slipway');
const rbacManifest = join(root, 'deploy', 'kubernetes', 'slipway-rbac.yaml');
const secrets = ['--set', 'database.existingSecret=slipway-db', '--set', 'secrets.existingSecret=slipway-keys'];

// Helm's own cache and configuration stay in a folder of this suite, never the user's.
const helmHome = mkdtempSync(join(tmpdir(), 'slipway-chart-'));
const env = {
  ...process.env,
  KUBECONFIG: testKubeConfigPath(),
  HELM_CACHE_HOME: join(helmHome, 'cache'),
  HELM_CONFIG_HOME: join(helmHome, 'config'),
  HELM_DATA_HOME: join(helmHome, 'data'),
};
after(() => rmSync(helmHome, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(binary: string, args: string[], input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      binary,
      args,
      { env, maxBuffer: 16 * 1024 * 1024, timeout: 180_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

const helm = (...args: string[]) => run(findHelmBinary(), args);
const kubectl = (args: string[], input?: string) => run(kubectlBinary(), args, input);

async function ok(result: Promise<Run>): Promise<string> {
  const r = await result;
  assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

const objects = (yaml: string) =>
  parseAllDocuments(yaml)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
}

/** The dotted paths of the values an operator sets (objects with properties are walked into). */
function leafPaths(node: SchemaNode, prefix = ''): string[] {
  return Object.entries(node.properties ?? {})
    .filter(([key]) => key !== 'global')
    .flatMap(([key, child]) => (child.properties ? leafPaths(child, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

describe('Slipway Helm chart', () => {
  const ns = useTestNamespace('chart');

  it('passes helm lint --strict', async () => {
    const out = await ok(helm('lint', '--strict', chart, ...secrets));
    assert.match(out, /1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  for (const [name, values] of [
    ['defaults', []],
    ['ingress on', ['--set', 'ingress.enabled=true', '--set', 'ingress.tlsSecretName=slipway-tls']],
    ['3 replicas', ['--set', 'replicaCount=3']],
    ['1 replica, no leader election', ['--set', 'replicaCount=1', '--set', 'leaderElection.enabled=false']],
  ] as const) {
    it(`renders what the API server accepts: ${name}`, async () => {
      const rendered = await ok(helm('template', 'dry', chart, '-n', ns.namespace(), ...secrets, ...values));
      const out = await ok(kubectl(['apply', '--dry-run=server', '-f', '-'], rendered));
      assert.match(out, /deployment\.apps\/dry-slipway created \(server dry run\)/);
      if (name === 'ingress on') assert.match(out, /ingress\.networking\.k8s\.io\/dry-slipway created/);
    });
  }

  it('runs restricted: non-root, read-only root, no capabilities, probes on /healthz and /readyz', async () => {
    const rendered = objects(await ok(helm('template', 'r', chart, ...secrets)));
    const deployment = rendered.find((o) => o.kind === 'Deployment') as V1Deployment;
    const pod = deployment.spec?.template.spec ?? assert.fail('no pod template');
    const container = pod.containers[0] ?? assert.fail('no container');
    assert.equal(deployment.spec?.replicas, 2);
    assert.equal(pod.securityContext?.runAsNonRoot, true);
    assert.equal(pod.securityContext?.seccompProfile?.type, 'RuntimeDefault');
    assert.deepEqual(container.securityContext, {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    assert.equal(container.livenessProbe?.httpGet?.path, '/healthz');
    assert.equal(container.readinessProbe?.httpGet?.path, '/readyz');
    assert.ok(container.volumeMounts?.some((m) => m.mountPath === '/tmp'));
    const envNames = container.env?.map((e) => e.name);
    assert.deepEqual(envNames, [
      'SLIPWAY_CONFIG',
      'NODE_OPTIONS',
      'SLIPWAY_DATABASE_URL',
      'SLIPWAY_DATABASE_POOL_SIZE',
      'SLIPWAY_SECRET_KEYS',
    ]);
    // V8 sizes its heap from the node's memory unless told: the chart tells it, within the limit.
    assert.equal(container.env?.find((e) => e.name === 'NODE_OPTIONS')?.value, '--max-old-space-size=512');
    assert.ok(rendered.some((o) => o.kind === 'PodDisruptionBudget'));
    assert.ok(rendered.some((o) => o.kind === 'NetworkPolicy'));
  });

  it('writes a configuration the server loads, with the keys it means', async () => {
    const values = ['--set', 'config.publicUrl=https://slipway.example', '--set', 'config.ingressNamespaces={traefik}'];
    const rendered = objects(await ok(helm('template', 'cfg', chart, '-n', 'platform', ...secrets, ...values)));
    const configMap = rendered.find((o) => o.kind === 'ConfigMap') as KubeObject & { data: Record<string, string> };
    const file = join(helmHome, 'config.yaml');
    writeFileSync(file, configMap.data['config.yaml'] ?? assert.fail('no config.yaml'));
    // The environment the Deployment sets from its Secrets, as the pod would see it.
    const config = loadConfig({
      file,
      env: { SLIPWAY_DATABASE_URL: 'postgres://u:p@db:5432/slipway', SLIPWAY_DATABASE_POOL_SIZE: '10' },
    });
    assert.deepEqual(config.database, { engine: 'postgres', url: 'postgres://u:p@db:5432/slipway', poolSize: 10 });
    assert.equal(config.kubernetes.inCluster, true);
    assert.deepEqual(config.kubernetes.ingressNamespaces, ['traefik']);
    assert.equal(config.server.host, '0.0.0.0');
    assert.equal(config.server.port, 7420);
    assert.equal(config.server.publicUrl, 'https://slipway.example');
    assert.equal(config.stateDir, '/var/lib/slipway');
    assert.deepEqual(
      { enabled: config.leaderElection.enabled, namespace: config.leaderElection.namespace },
      { enabled: true, namespace: 'platform' },
    );
    assert.equal(config.bootstrap.adminUsername, 'admin');
  });

  it("refuses values its schema forbids, with helm's message naming the field", async () => {
    const r = await helm('template', 'bad', chart, ...secrets, '--set-string', 'replicaCount=two');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /\/replicaCount': got string, want integer/);
  });

  it('refuses to render without the Secrets of the database URL and the key ring', async () => {
    const r = await helm('template', 'bare', chart);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /database\.existingSecret is required/);
    const noKeys = await helm('template', 'bare', chart, '--set', 'database.existingSecret=db');
    assert.match(noKeys.stderr, /secrets\.existingSecret is required/);
  });

  it('refuses several replicas without leader election', async () => {
    const r = await helm('template', 'many', chart, ...secrets, '--set', 'leaderElection.enabled=false');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /replicaCount above 1 needs leaderElection\.enabled: true/);
  });

  it('grants exactly the rules of deploy/kubernetes/slipway-rbac.yaml', async () => {
    const manifest = objects(readFileSync(rbacManifest, 'utf8'));
    const rendered = objects(await ok(helm('template', 'r', chart, ...secrets)));
    for (const kind of ['ClusterRole', 'Role']) {
      const rulesOf = (list: KubeObject[]) => list.find((o) => o.kind === kind)?.rules;
      assert.deepEqual(rulesOf(rendered), rulesOf(manifest), `${kind} rules drifted`);
    }
  });

  it("has every value of values.schema.json in the operator guide's table", () => {
    const schema = JSON.parse(readFileSync(join(chart, 'values.schema.json'), 'utf8')) as SchemaNode;
    const guide = readFileSync(join(root, 'docs', 'operator-guide.md'), 'utf8');
    const missing = leafPaths(schema).filter((path) => !guide.includes(`| \`${path}\` |`));
    assert.deepEqual(missing, []);
  });

  it('installs into the cluster, becomes Available, and uninstalls', async () => {
    const namespace = ns.namespace();
    const core = ns.kc().makeApiClient(CoreV1Api);
    await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'slipway-db' }, stringData: { url: 'postgres://slipway:pw@postgres:5432/slipway' } },
    });
    await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'slipway-keys' }, stringData: { keys: `k1:${randomBytes(32).toString('base64')}\n` } },
    });
    const release = `s${randomBytes(3).toString('hex')}`;
    const installed = await ok(helm('install', release, chart, '-n', namespace, ...secrets));
    assert.match(installed, /First login/);
    try {
      await ok(
        kubectl([
          '-n',
          namespace,
          'wait',
          '--for=condition=Available',
          `deployment/${release}-slipway`,
          '--timeout=120s',
        ]),
      );
      const status = JSON.parse(
        await ok(kubectl(['-n', namespace, 'get', `deployment/${release}-slipway`, '-o', 'json'])),
      );
      assert.equal(status.status.availableReplicas, 2);
    } finally {
      await ok(helm('uninstall', release, '-n', namespace, '--wait'));
    }
    const left = await kubectl(['get', 'clusterrole', `${release}-slipway`]);
    assert.match(left.stderr, /NotFound/);
  });
});

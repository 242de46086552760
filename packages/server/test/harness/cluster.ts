import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { reuseConnections } from '../../src/kube/connection-reuse.ts';

/**
 * The real local cluster the test run shares (started by scripts/test.sh, or any cluster a
 * developer points SLIPWAY_TEST_KUBECONFIG at). Without it the tests fail: cluster tests are
 * never skipped.
 */
export function testKubeConfigPath(): string {
  const path = process.env.SLIPWAY_TEST_KUBECONFIG;
  if (!path) {
    throw new Error(
      'SLIPWAY_TEST_KUBECONFIG is not set: start the local cluster with `testbed/cluster.sh start` ' +
        'and export SLIPWAY_TEST_KUBECONFIG=$(testbed/cluster.sh kubeconfig), or run scripts/test.sh',
    );
  }
  return path;
}

export function testKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(testKubeConfigPath());
  return reuseConnections(kc);
}

/**
 * The second local cluster (its own etcd and API server on other ports), for multi-cluster
 * tests: SLIPWAY_TEST_KUBECONFIG_2, started by scripts/test.sh like the first.
 */
export function secondKubeConfigPath(): string {
  const path = process.env.SLIPWAY_TEST_KUBECONFIG_2;
  if (!path) {
    throw new Error(
      'SLIPWAY_TEST_KUBECONFIG_2 is not set: start a second cluster with `testbed/cluster.sh start slipway-test-2` ' +
        'and export SLIPWAY_TEST_KUBECONFIG_2=$(testbed/cluster.sh kubeconfig slipway-test-2), or run scripts/test.sh',
    );
  }
  return path;
}

/**
 * Gives a suite its own namespace, removed afterwards, so suites sharing one cluster never
 * see each other's objects. Call inside a `describe`.
 */
export function useTestNamespace(prefix: string): { kc: () => KubeConfig; namespace: () => string } {
  let kc: KubeConfig | undefined;
  let name: string | undefined;
  before(async () => {
    kc = testKubeConfig();
    name = `${prefix}-${randomBytes(3).toString('hex')}`.slice(0, 63);
    await kc.makeApiClient(CoreV1Api).createNamespace({
      body: { metadata: { name, labels: { 'slipway.dev/test': 'true' } } },
    });
  });
  after(async () => {
    if (kc && name)
      await kc
        .makeApiClient(CoreV1Api)
        .deleteNamespace({ name })
        .catch(() => {});
  });
  return {
    kc: () => kc ?? missing('kubeconfig'),
    namespace: () => name ?? missing('namespace'),
  };
}

function missing(what: string): never {
  throw new Error(`the test ${what} is not ready: use it inside a test, after before() ran`);
}

/** The kubectl that testbed/build.sh built beside the API server (its newest version in the cache). */
export function kubectlBinary(): string {
  const bin = join(process.env.SLIPWAY_CACHE ?? join(homedir(), '.cache', 'slipway'), 'bin');
  const dir = readdirSync(bin)
    .filter((d) => d.startsWith('kubernetes-v') && !d.includes('.tmp'))
    .sort()
    .at(-1);
  if (!dir) throw new Error('kubectl is not built: run testbed/build.sh');
  return join(bin, dir, 'kubectl');
}

/**
 * The Score project's own examples (score-spec/examples: `specification/`, `resources/` and the
 * Online Boutique, TraderX and AKS store demo samples), 41 files nobody here wrote, deployed as
 * they are onto the local cluster: each example of `specification/` and `resources/` in an
 * environment of its own, each sample application's workloads together in one, every file read
 * as `slipway deploy -f` reads it. It prints how many of the 41 are Healthy.
 *
 * The provisioners are the built-ins and the ones the samples' Makefiles give score-k8s: the
 * community's `service` file, unchanged. Two types have provisioners that cannot run here, and
 * ours stand in for them (test/fixtures/score-examples-stand-ins.provisioners.yaml says why):
 * `endpoint` (the community's runs the Microcks CLI) and `llm-model` (Docker Model Runner).
 * A workload naming another by `service` needs it deployed first, as with score-k8s, so files
 * that are refused for that are tried again once others have landed, until none moves.
 */
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readScore } from '../../../cli/src/commands/deploy.ts';
import { loadProvisioners } from '../../src/deploy/platform.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { useDeployApp } from '../harness/deploy-app.ts';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const root = join(fixtures, 'score-examples');
const provisionerFiles = [
  join(fixtures, '..', 'provisioners', 'fixtures', 'score-k8s', 'community', '10-service.provisioners.yaml'),
  join(fixtures, 'score-examples-stand-ins.provisioners.yaml'),
];

/** Every Score file under a folder, by path relative to the examples' root. */
function scoreFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/^score.*\.ya?ml$/.test(name)) found.push(relative(root, path));
    }
  };
  walk(join(root, folder));
  return found;
}

/** One environment per group; a group's files deploy in order (a sample's alternative file after the main one). */
const groups: Array<{ environment: string; files: string[] }> = [
  ...[...scoreFiles('specification'), ...scoreFiles('resources')].map((file) => ({
    environment: file.split('/').slice(0, 2).join('-'),
    files: [file],
  })),
  ...['onlineboutique', 'traderx', 'aks-store-demo'].map((sample) => ({
    environment: sample,
    files: scoreFiles(join('samples', sample)).sort(
      (a, b) => Number(a.endsWith('-ai.yaml')) - Number(b.endsWith('-ai.yaml')),
    ),
  })),
];

/** Images given at deploy time, as the samples' Makefiles give them (`score-k8s generate ingress/score.yaml --image ingress:local`). */
const deployImages: Record<string, string> = { 'samples/traderx/ingress/score.yaml': 'ingress:local' };

interface Outcome {
  file: string;
  status: string;
  message: string;
}

describe("the Score project's examples, as they are", () => {
  const ns = useTestNamespace('score-examples');
  const t = useDeployApp(ns.kc, { provisioners: () => loadProvisioners(provisionerFiles) });
  const outcomes: Outcome[] = [];

  before(async () => {
    for (const [i, group] of groups.entries()) {
      const env = await t.api('PUT', `/environments/${group.environment}`, {
        type: 'development',
        namespace: `${ns.namespace()}-${i}`,
      });
      assert.equal(env.statusCode, 200, env.body);
      outcomes.push(...(await deployAll(group.environment, group.files)));
    }
    const healthy = outcomes.filter((o) => o.status === 'healthy').length;
    console.log(`score examples: ${healthy} of ${outcomes.length} Healthy`);
    for (const o of outcomes) if (o.status !== 'healthy') console.log(`  ${o.file}: ${o.status}: ${o.message}`);
  });

  /** Deploys the files in order, then again those refused, while each pass lands at least one. */
  async function deployAll(environment: string, files: string[]): Promise<Outcome[]> {
    const done = new Map<string, Outcome>();
    let pending = files;
    while (pending.length > 0) {
      const refused: string[] = [];
      for (const file of pending) {
        const outcome = await deploy(environment, file);
        done.set(file, outcome);
        if (outcome.status.startsWith('refused')) refused.push(file);
      }
      if (refused.length === pending.length) break;
      pending = refused;
    }
    return files.map((f) => done.get(f) as Outcome);
  }

  async function deploy(environment: string, file: string): Promise<Outcome> {
    const { text, files } = readScore(join(root, file));
    const image = deployImages[file];
    const res = await t.api('POST', '/deploys', { environment, workload: text, files, ...(image ? { image } : {}) });
    if (res.statusCode !== 202) return { file, status: `refused ${res.statusCode}`, message: res.json().error.message };
    const release = await t.settle(res.json().release.id, 180_000);
    return { file, status: release.status, message: release.message };
  }

  it('reads all 41 files', () => {
    assert.equal(outcomes.length, 41, outcomes.map((o) => o.file).join('\n'));
  });

  it('deploys all 41 Healthy', () => {
    assert.deepEqual(
      outcomes.filter((o) => o.status !== 'healthy'),
      [],
    );
  });
});

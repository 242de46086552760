/**
 * The Score project's own examples (score-spec/examples: `specification/`, `resources/` and the
 * Online Boutique, TraderX and AKS store demo samples), 41 files nobody here wrote, deployed as
 * they are onto the local cluster: each example of `specification/` and `resources/` in an
 * environment of its own, each sample application's workloads together in one, every file read
 * as `slipway deploy -f` reads it. It prints how many of the 41 are Healthy.
 *
 * Some files ask for resource types that only the Score community's provisioner files provide
 * (`service`, `endpoint`, `llm-model`); until those files load here, a file may fail only with
 * "no provisioner" for one of those types, and says which.
 */
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readScore } from '../../../cli/src/commands/deploy.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { useDeployApp } from '../harness/deploy-app.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'score-examples');

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

// Provided by the Score community's provisioner files, not by the built-ins.
const communityTypes = new Set(['service', 'endpoint', 'llm-model']);

interface Outcome {
  file: string;
  status: string;
  message: string;
}

describe("the Score project's examples, as they are", () => {
  const ns = useTestNamespace('score-examples');
  const t = useDeployApp(ns.kc);
  const outcomes: Outcome[] = [];

  before(async () => {
    for (const [i, group] of groups.entries()) {
      const env = await t.api('PUT', `/environments/${group.environment}`, {
        type: 'development',
        namespace: `${ns.namespace()}-${i}`,
      });
      assert.equal(env.statusCode, 200, env.body);
      for (const file of group.files) outcomes.push(await deploy(group.environment, file));
    }
    const healthy = outcomes.filter((o) => o.status === 'healthy').length;
    console.log(`score examples: ${healthy} of ${outcomes.length} Healthy`);
    for (const o of outcomes) if (o.status !== 'healthy') console.log(`  ${o.file}: ${o.status}: ${o.message}`);
  });

  async function deploy(environment: string, file: string): Promise<Outcome> {
    const { text, files } = readScore(join(root, file));
    const res = await t.api('POST', '/deploys', { environment, workload: text, files });
    if (res.statusCode !== 202) return { file, status: `refused ${res.statusCode}`, message: res.json().error.message };
    const release = await t.settle(res.json().release.id, 180_000);
    return { file, status: release.status, message: release.message };
  }

  it('reads all 41 files', () => {
    assert.equal(outcomes.length, 41, outcomes.map((o) => o.file).join('\n'));
  });

  it('deploys every file Healthy whose resource types it provisions; the others lack only a community provisioner', () => {
    for (const o of outcomes) {
      if (o.status === 'healthy') continue;
      const missing = /no provisioner .*type "([^"]+)"|for type ([\w-]+)/i.exec(o.message);
      const type = missing?.[1] ?? missing?.[2];
      assert.ok(type && communityTypes.has(type), `${o.file}: ${o.status}: ${o.message}`);
    }
  });
});

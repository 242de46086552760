import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { canonicalJson, parseScore, renderWorkload, type ScoreWorkload } from '../../src/index.ts';
import { environment, fakeResources, gatewayEnvironment, productionEnvironment } from './helpers.ts';
import { assertKubeValid } from './kube-validity.ts';

/**
 * Realistic Score files modelled on the Score project's docs and samples. Each must parse and
 * render in every kind of environment into objects a kube-apiserver accepts; the engine's
 * cluster tests apply these same fixtures.
 */
const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixtures = readdirSync(dir)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();

const deployedImage = 'ghcr.io/acme/deployed:1.0.0';
const needsImage = (w: ScoreWorkload) => Object.values(w.containers).some((c) => c.image === '.');

describe('Score conformance fixtures', () => {
  it('has at least ten fixtures', () => assert.ok(fixtures.length >= 10, `${fixtures.length} fixtures`));

  for (const file of fixtures) {
    describe(file, () => {
      const workload = parseScore(readFileSync(join(dir, file), 'utf8'), file);
      const image = needsImage(workload) ? deployedImage : undefined;
      for (const env of [environment, gatewayEnvironment, productionEnvironment]) {
        it(`renders valid objects for ${env.name} (${env.routeKind})`, () => {
          const input = { workload, environment: env, resources: fakeResources(workload), release: 'rel-7', image };
          const { objects } = renderWorkload(input);
          assertKubeValid(objects, env.namespace);
          assert.ok(objects.some((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet'));
          assert.equal(canonicalJson(renderWorkload(input).objects), canonicalJson(objects), 'deterministic');
        });
      }
    });
  }
});

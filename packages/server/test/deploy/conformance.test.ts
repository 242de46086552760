import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultsFor, type EnvironmentContext, fileSources, parseProvisioners, parseScore } from '@slipway/core';
import { planRelease } from '../../src/deploy/plan.ts';
import { ObjectApplier } from '../../src/kube/apply.ts';
import { useTestNamespace } from '../harness/cluster.ts';

const fixtures = new URL('../../../core/test/workload/fixtures/', import.meta.url).pathname;
const provisioners = parseProvisioners(
  readFileSync(new URL('./fixtures/platform-provisioners.yaml', import.meta.url), 'utf8'),
  'platform-provisioners.yaml',
);

/**
 * Real-world Score files (modelled on the Score project's docs and samples) are rendered with
 * the real provisioners and applied to the real cluster: every object must be accepted by the
 * API server, in a development and in a production environment.
 */
describe('Score conformance on a real cluster', () => {
  // One namespace per environment, as Slipway lays them out: the same workload lives in both.
  const dev = useTestNamespace('conformance-dev');
  const prod = useTestNamespace('conformance-prod');
  const environments = (): EnvironmentContext[] => [
    {
      name: 'dev',
      type: 'development',
      namespace: dev.namespace(),
      domain: 'dev.example.com',
      routeKind: 'Ingress',
      defaults: defaultsFor('development'),
    },
    {
      name: 'prod',
      type: 'production',
      namespace: prod.namespace(),
      domain: 'example.com',
      routeKind: 'Ingress',
      ingressClassName: 'nginx',
      defaults: defaultsFor('production'),
    },
  ];

  for (const file of readdirSync(fixtures).sort()) {
    it(`${file} renders and applies in development and production`, async () => {
      const text = readFileSync(join(fixtures, file), 'utf8');
      const workload = parseScore(text, file);
      const files = Object.fromEntries(fileSources(workload).map((path) => [path, `contents of ${path}\n`]));
      // A Score file whose image is '.' gets it at deploy time, as CI would pass it.
      const image = Object.values(workload.containers).some((c) => c.image === '.')
        ? 'registry.example.com/app:1.0'
        : undefined;
      const applier = new ObjectApplier(dev.kc());
      for (const environment of environments()) {
        const plan = await planRelease({ workload, environment, files, image }, { provisioners, seed: 'conformance' });
        assert.ok(
          plan.objects.some((o) => ['Deployment', 'StatefulSet'].includes(o.kind)),
          'a workload object',
        );
        const applied = await applier.apply(plan.objects);
        assert.equal(applied.length, plan.objects.length, `${environment.name}: every object accepted`);
      }
    });
  }
});

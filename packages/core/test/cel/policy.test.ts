import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CelPolicy,
  celPolicyError,
  celViolationLine,
  compileCelPolicies,
  compileCelPolicy,
  evaluateCelPolicies,
  SlipwayError,
} from '../../src/index.ts';
import { webWith } from '../policy/fixtures.ts';
import { productionContext } from './fixtures.ts';

const noLatest: CelPolicy = {
  name: 'no-latest-tag',
  severity: 'enforce',
  expression: 'workload.containers.all(c, !workload.containers[c].image.endsWith(":latest"))',
  messageExpression:
    '{"message": "image uses :latest", "path": "/containers/" + workload.containers.filter(c, workload.containers[c].image.endsWith(":latest"))[0] + "/image"}',
};

const replicas: CelPolicy = {
  name: 'min-replicas-2',
  severity: 'warn',
  expression: 'objects.filter(o, o.kind == "Deployment").all(d, d.spec.replicas >= 2.0)',
  messageExpression: '"Deployments need at least 2 replicas in " + environment.name',
  match: { environmentTypes: ['production'] },
};

const owned: CelPolicy = {
  name: 'owned-and-documented',
  severity: 'audit',
  expression: 'facts.owner != null && facts.docsPresent && facts.dora.changeFailureRate < 0.15',
};

describe('compileCelPolicies', () => {
  it('compiles valid policies', () => {
    assert.equal(compileCelPolicies([noLatest, replicas, owned]).length, 3);
  });

  it('lists every bad field with its pointer and the position in the expression', () => {
    const bad = [
      { ...owned, name: 'Bad Name' },
      { ...replicas, severity: 'block' as never, expression: 'objects.size() >' },
      { ...noLatest, messageExpression: '1 + "x"' },
    ];
    assert.throws(
      () => compileCelPolicies(bad, '/celPolicies'),
      (e: unknown) => {
        assert.ok(e instanceof SlipwayError);
        assert.equal(e.code, 'invalid_input');
        assert.deepEqual(
          e.fields?.map((f) => f.path),
          [
            '/celPolicies/0/name',
            '/celPolicies/1/severity',
            '/celPolicies/1/expression',
            '/celPolicies/2/messageExpression',
          ],
        );
        assert.match(e.fields?.[2]?.message ?? '', /^1:17: /);
        return true;
      },
    );
  });

  it('rejects an expression that is not boolean', () => {
    assert.throws(() => compileCelPolicies([{ ...owned, expression: 'facts.openApprovals + 1.0' }]), /expected bool/);
  });
});

describe('evaluateCelPolicies', () => {
  const policies = compileCelPolicies([noLatest, replicas, owned]);

  it('passes a compliant release', () => {
    assert.deepEqual(evaluateCelPolicies(policies, productionContext()), []);
  });

  it('reports violations with severity, message and the field the message names', () => {
    const sloppy = webWith((c) => {
      c.image = 'nginx:latest';
    });
    assert.deepEqual(evaluateCelPolicies(policies, productionContext(sloppy)), [
      { policy: 'no-latest-tag', severity: 'enforce', message: 'image uses :latest', path: '/containers/web/image' },
    ]);
  });

  it('applies match: a policy for other environment types or teams is skipped', () => {
    const context = productionContext();
    const never = compileCelPolicies([
      { ...owned, name: 'staging-only', expression: 'false', match: { environmentTypes: ['staging'] } },
      { ...owned, name: 'team-b-only', expression: 'false', match: { teams: ['team-b'] } },
      { ...owned, name: 'team-a', expression: 'false', match: { teams: ['team-a'], services: ['web'] } },
    ]);
    assert.deepEqual(
      evaluateCelPolicies(never, context).map((v) => v.policy),
      ['team-a'],
    );
  });

  it('counts a runtime error as a violation carrying the error', () => {
    const broken = compileCelPolicies([
      { name: 'needs-tier', severity: 'enforce', expression: 'service.metadata.labels.tier == "critical"' },
    ]);
    const [violation, ...rest] = evaluateCelPolicies(broken, productionContext());
    assert.equal(rest.length, 0);
    assert.equal(violation?.policy, 'needs-tier');
    assert.match(violation?.message ?? '', /policy expression failed: No such key: labels/);
  });

  it('sees the rendered objects and the facts', () => {
    const checks = compileCelPolicies([
      { name: 'has-deployment', severity: 'audit', expression: 'objects.exists(o, o.kind == "Deployment")' },
      { name: 'verified', severity: 'audit', expression: 'facts.verification.status == "passed"' },
      {
        name: 'recent',
        severity: 'audit',
        expression: 'timestamp(facts.lastDeployAt) > timestamp("2026-11-01T00:00:00Z")',
      },
      {
        name: 'prod-approval',
        severity: 'audit',
        expression: 'environment.requiresApproval && !environment.ephemeral',
      },
    ]);
    assert.deepEqual(evaluateCelPolicies(checks, productionContext()), []);
  });

  it('lets policies test for a service missing from the catalog', () => {
    const inCatalog = compileCelPolicies([
      { name: 'in-catalog', severity: 'warn', expression: 'service != null && service.spec.lifecycle == "production"' },
    ]);
    assert.deepEqual(evaluateCelPolicies(inCatalog, productionContext()), []);
    const orphan = { ...productionContext(), service: null };
    assert.equal(evaluateCelPolicies(inCatalog, orphan)[0]?.policy, 'in-catalog');
  });
});

describe('compileCelPolicy and celPolicyError', () => {
  it('addresses the fields of one policy from the pointer given (the request body: none)', () => {
    assert.throws(
      () => compileCelPolicy({ ...noLatest, expression: 'workload.\n  containers >', remedy: 3 as never }),
      (e: unknown) => {
        assert.ok(e instanceof SlipwayError);
        assert.deepEqual(
          e.fields?.map((f) => f.path),
          ['/remedy', '/expression'],
        );
        assert.match(e.fields?.[1]?.message ?? '', /^2:\d+: /);
        return true;
      },
    );
    assert.equal(compileCelPolicy(noLatest).policy.name, 'no-latest-tag');
  });

  it('carries the remedy into each violation, the refusal and the warning line', () => {
    const compiled = compileCelPolicies([{ ...noLatest, remedy: 'pin the image' }]);
    const sloppy = webWith((c) => {
      c.image = 'nginx:latest';
    });
    const violations = evaluateCelPolicies(compiled, productionContext(sloppy));
    assert.equal(violations[0]?.remedy, 'pin the image');
    const error = celPolicyError('prod', violations);
    assert.equal(error.code, 'policy_violation');
    assert.equal(error.message, '1 policy violation in environment prod: no-latest-tag: image uses :latest');
    assert.deepEqual(error.fields, [{ path: '/containers/web/image', message: 'no-latest-tag: image uses :latest' }]);
    assert.match(error.hint ?? '', /^To deploy, no-latest-tag: pin the image\. /);
    assert.equal(
      celViolationLine(violations[0] as never),
      'policy no-latest-tag: image uses :latest (at /containers/web/image); fix: pin the image',
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  builtinPolicies,
  evaluatePolicies,
  type PolicyViolation,
  policyError,
  policyNames,
  SlipwayError,
} from '../../src/index.ts';
import { compliant, release, webWith } from './fixtures.ts';

describe('policyNames and builtinPolicies', () => {
  it('lists the built-in policies, sorted', () => {
    assert.deepEqual(policyNames(), [
      'min-replicas-2',
      'no-latest-tag',
      'no-privileged',
      'require-image-digest',
      'require-readiness-probe',
      'require-resource-limits',
    ]);
    assert.deepEqual(builtinPolicies.map((p) => p.name).sort(), policyNames());
    for (const p of builtinPolicies) assert.ok(p.description.length > 20, p.name);
  });
});

describe('evaluatePolicies', () => {
  const sloppy = release(
    webWith((c) => {
      c.image = 'nginx';
      delete c.readinessProbe;
    }),
  );

  it('runs nothing for no names', () => {
    assert.deepEqual(evaluatePolicies([], sloppy), []);
  });

  it('returns the violations of every named policy, in the order named, each policy once', () => {
    const violations = evaluatePolicies(
      ['require-readiness-probe', 'no-latest-tag', 'require-readiness-probe'],
      sloppy,
    );
    assert.deepEqual(
      violations.map((v) => [v.policy, v.path]),
      [
        ['require-readiness-probe', '/containers/web/readinessProbe'],
        ['no-latest-tag', '/containers/web/image'],
      ],
    );
  });

  it('finds nothing wrong with a compliant release under every policy but the digest one', () => {
    const names = policyNames().filter((n) => n !== 'require-image-digest');
    assert.deepEqual(evaluatePolicies(names, release(compliant)), []);
  });

  it('refuses unknown names, listing the known ones', () => {
    assert.throws(
      () => evaluatePolicies(['no-latest-tag', 'no-root', 'max-cost'], sloppy),
      (error: unknown) => {
        assert.ok(error instanceof SlipwayError);
        assert.equal(error.code, 'invalid_input');
        assert.match(error.message, /Unknown policies "no-root", "max-cost"/);
        for (const name of policyNames()) {
          assert.ok(error.message.includes(name), name);
          assert.ok(error.hint?.includes(name), name);
        }
        return true;
      },
    );
    assert.throws(() => evaluatePolicies(['No-Latest-Tag'], sloppy), /Unknown policy "No-Latest-Tag"/);
  });
});

describe('policyError', () => {
  const violations: PolicyViolation[] = [
    { policy: 'no-latest-tag', path: '/containers/web/image', message: 'Container "web" runs image "nginx"' },
    { policy: 'require-readiness-probe', path: '/containers/web/readinessProbe', message: 'no probe' },
    { policy: 'min-replicas-2', path: '/objects/Deployment/web/spec/replicas', message: 'runs 1 replica' },
  ];

  it('is an invalid_input error naming every violation as a field', () => {
    const error = policyError('production', violations);
    assert.ok(error instanceof SlipwayError);
    assert.equal(error.code, 'invalid_input');
    assert.equal(error.status, 400);
    assert.equal(error.message, '3 policy violations in environment production');
    assert.deepEqual(error.fields, [
      { path: '/containers/web/image', message: 'no-latest-tag: Container "web" runs image "nginx"' },
      { path: '/containers/web/readinessProbe', message: 'require-readiness-probe: no probe' },
      { path: '/objects/Deployment/web/spec/replicas', message: 'min-replicas-2: runs 1 replica' },
    ]);
    assert.deepEqual(error.toBody().fields, error.fields);
  });

  it('hints at the fix of each broken policy and at who sets the policies', () => {
    const hint = policyError('production', violations).hint ?? '';
    assert.match(hint, /no-latest-tag: pin every image/);
    assert.match(hint, /require-readiness-probe: give every container a readinessProbe/);
    assert.match(hint, /min-replicas-2: set the workload annotation slipway\.dev\/replicas/);
    assert.doesNotMatch(hint, /no-privileged/);
    assert.match(hint, /platform engineer sets these policies on the environment type of production/);
  });

  it('says "violation" for one', () => {
    const error = policyError('staging', violations.slice(0, 1));
    assert.equal(error.message, '1 policy violation in environment staging');
    assert.equal(error.fields?.length, 1);
  });
});

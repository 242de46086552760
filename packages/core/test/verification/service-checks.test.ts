import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  releaseChecks,
  type ServiceCheck,
  serviceCheckIssues,
  serviceChecksAgainstTypes,
  type VerificationCheck,
  withCheckDefaults,
} from '../../src/index.ts';

const check = (name: string, environmentTypes?: string[]): ServiceCheck => ({
  ...withCheckDefaults({ name, query: 'up{namespace="$namespace"}', condition: { op: '==', threshold: 1 } }),
  ...(environmentTypes ? { environmentTypes } : {}),
});
const typeCheck = (name: string): VerificationCheck => check(name);

describe("a service's verification checks", () => {
  it("apply after the type's, in every type unless they name theirs, each marked with its origin", () => {
    const service = [check('queue-drains'), check('checkout-p99', ['production'])];
    const inProduction = releaseChecks([typeCheck('error-ratio')], service, 'production');
    assert.deepEqual(
      inProduction.map((c) => [c.name, c.origin]),
      [
        ['error-ratio', 'environment-type'],
        ['queue-drains', 'service'],
        ['checkout-p99', 'service'],
      ],
    );
    assert.ok(
      inProduction.every((c) => !('environmentTypes' in c)),
      'the release keeps checks, not where they apply',
    );
    const inDevelopment = releaseChecks([], service, 'development');
    assert.deepEqual(
      inDevelopment.map((c) => c.name),
      ['queue-drains'],
    );
  });

  it("cannot replace a type's check of the same name: the type's runs, the service's is left out", () => {
    const lenient = { ...check('error-ratio'), condition: { op: '<' as const, threshold: 0.5 } };
    const checks = releaseChecks([typeCheck('error-ratio')], [lenient], 'production');
    assert.equal(checks.length, 1);
    assert.equal(checks[0]?.origin, 'environment-type');
    assert.equal(checks[0]?.condition.threshold, 1);
  });

  it("are refused as written at their path: the checks' own issues, an empty or repeated type", () => {
    const issues = serviceCheckIssues(
      [check('a', []), check('b', ['production', 'staging', 'production']), check('a'), { ...check('c'), name: 'Bad' }],
      '/checks',
    );
    assert.deepEqual(
      issues.map((i) => i.path).sort(),
      ['/checks/0/environmentTypes', '/checks/1/environmentTypes/2', '/checks/2/name', '/checks/3/name'].sort(),
    );
  });

  it('are refused against the types: one that does not exist, a name a type it applies in uses', () => {
    const types = [
      { name: 'production', checks: [typeCheck('error-ratio')] },
      { name: 'development', checks: [] },
    ];
    const issues = serviceChecksAgainstTypes(
      [check('latency', ['prod']), check('error-ratio'), check('error-ratio', ['development'])],
      types,
      '/checks',
    );
    assert.deepEqual(issues, [
      { path: '/checks/0/environmentTypes/0', message: 'no environment type prod' },
      {
        path: '/checks/1/name',
        message: 'environment type production has a check named error-ratio already: name this one differently',
      },
    ]);
  });
});

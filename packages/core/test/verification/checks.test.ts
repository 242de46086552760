import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CheckSample,
  checkIssues,
  checkVerdict,
  expectedSamples,
  meets,
  sampleOf,
  type VerificationCheck,
} from '../../src/index.ts';

// "Error ratio below 1 %, sampled every 30 s for 2 minutes, one failure tolerated": samples at
// 0, 30, 60, 90 and 120 s, so 5 expected and 3 needed to decide.
const check: VerificationCheck = {
  name: 'error-ratio',
  query:
    'sum(rate(http_requests_total{namespace="$namespace",code=~"5.."}[$rate])) / sum(rate(http_requests_total{namespace="$namespace"}[$rate]))',
  condition: { op: '<', threshold: 0.01 },
  intervalSeconds: 30,
  durationSeconds: 120,
  failureLimit: 1,
  inconclusive: 'fail',
};
const start = 1_000_000;
const s = (seconds: number, answer: { values: number[] } | { error: string }): CheckSample =>
  sampleOf(start + seconds * 1000, answer, check.condition);

describe('verification checks', () => {
  it('compare values with their threshold; NaN meets no condition', () => {
    assert.ok(meets(0.005, { op: '<', threshold: 0.01 }));
    assert.ok(!meets(0.01, { op: '<', threshold: 0.01 }));
    assert.ok(meets(0.01, { op: '<=', threshold: 0.01 }));
    assert.ok(meets(3, { op: '!=', threshold: 0 }));
    assert.ok(!meets(Number.NaN, { op: '!=', threshold: 0 }));
  });

  it('take a sample as unknown when Prometheus did not answer, never as a failure', () => {
    assert.equal(s(0, { error: 'Cannot reach Prometheus' }).outcome, 'unknown');
    assert.equal(s(0, { values: [] }).outcome, 'no_data');
    assert.equal(s(0, { values: [0.002, 0.02] }).outcome, 'fail', 'any series missing it fails the sample');
    assert.equal(s(0, { values: [0.002, 0.004] }).outcome, 'pass');
  });

  it('run until the deadline, one sample every interval', () => {
    assert.equal(expectedSamples(check), 5);
    const none = checkVerdict(check, [], start, start);
    assert.deepEqual([none.state, none.nextAt], ['running', start]);
    const two = checkVerdict(check, [s(0, { values: [0] }), s(30, { values: [0.02] })], start, start + 31_000);
    assert.deepEqual([two.state, two.nextAt, two.reason], ['running', start + 60_000, '2 of 5 samples taken']);
  });

  it("wait at the deadline for the deadline's own sample, but not for longer than an interval", () => {
    const four = [0, 30, 60, 90].map((t) => s(t, { values: [0] }));
    const atDeadline = checkVerdict(check, four, start, start + 120_000);
    assert.deepEqual([atDeadline.state, atDeadline.nextAt], ['running', start + 120_000]);
    assert.equal(checkVerdict(check, [...four, s(120, { values: [0] })], start, start + 120_000).state, 'passed');
    const late = checkVerdict(check, four, start, start + 150_000);
    assert.deepEqual([late.state, late.reason], ['passed', '4 samples met < 0.01, 0 missed it']);
  });

  it('say so while the newest sample is unknown', () => {
    const verdict = checkVerdict(check, [s(0, { error: 'Cannot reach http://p:9090' })], start, start + 1000);
    assert.equal(
      verdict.reason,
      '1 of 5 samples taken; the last is unknown: Prometheus did not answer (Cannot reach http://p:9090)',
    );
  });

  it('fail as soon as failures exceed the limit, saying what was seen', () => {
    const samples = [s(0, { values: [0.02] }), s(30, { values: [0] }), s(60, { values: [0.034567] })];
    const verdict = checkVerdict(check, samples, start, start + 61_000);
    assert.equal(verdict.state, 'failed');
    assert.equal(verdict.reason, '2 samples missed < 0.01 (limit 1); the last saw 0.03457');
  });

  it('pass at the deadline when enough samples were decided and failures stayed within the limit', () => {
    const samples = [
      s(0, { values: [0.001] }),
      s(30, { error: 'timeout' }),
      s(60, { values: [0.02] }),
      s(90, { values: [0.003] }),
      s(120, { values: [] }),
    ];
    const verdict = checkVerdict(check, samples, start, start + 120_000);
    assert.equal(verdict.state, 'passed');
    assert.deepEqual(verdict.counts, { pass: 2, fail: 1, no_data: 1, unknown: 1 });
    assert.equal(verdict.reason, '2 samples met < 0.01, 1 missed it');
  });

  it('at the deadline with too few decided samples, become what inconclusive says', () => {
    const samples = [
      s(0, { values: [0] }),
      s(30, { error: 'x' }),
      s(60, { error: 'x' }),
      s(90, { error: 'x' }),
      s(120, { values: [] }),
    ];
    const failed = checkVerdict(check, samples, start, start + 120_000);
    assert.equal(failed.state, 'failed');
    assert.equal(
      failed.reason,
      'only 1 of 3 samples needed could be decided (3 unknown: Prometheus did not answer; 1 without data); inconclusive checks fail',
    );
    assert.equal(checkVerdict({ ...check, inconclusive: 'pass' }, samples, start, start + 120_000).state, 'passed');
  });

  it('refuse checks as written wrongly, each at its path', () => {
    assert.deepEqual(checkIssues(check, '/verification/checks/0'), []);
    const bad = {
      ...check,
      name: 'Error Ratio',
      query: 'rate(x{ns="$ns"}[5m])',
      intervalSeconds: 5,
      durationSeconds: 3,
      failureLimit: -1,
    };
    assert.deepEqual(
      checkIssues(bad, '/c').map((i) => i.path),
      ['/c/name', '/c/query', '/c/intervalSeconds', '/c/durationSeconds', '/c/failureLimit'],
    );
  });
});

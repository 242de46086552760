import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dueChecks,
  sampleOf,
  startVerification,
  type VerificationCheck,
  verificationIssues,
  verificationVerdict,
  withCheckDefaults,
  withSamples,
} from '../../src/index.ts';

// Two checks of one release, Healthy at `start`: errors every 10 s for 20 s (samples at 0, 10,
// 20 s), latency every 20 s for 40 s (0, 20, 40 s).
const errors = withCheckDefaults({
  name: 'errors',
  query: 'x',
  condition: { op: '<', threshold: 0.01 },
  intervalSeconds: 10,
  durationSeconds: 20,
});
const latency = withCheckDefaults({
  name: 'latency',
  query: 'y',
  condition: { op: '<=', threshold: 0.5 },
  intervalSeconds: 20,
  durationSeconds: 40,
});
const start = 5_000_000;
const at = (seconds: number) => start + seconds * 1000;
const take = (check: VerificationCheck, seconds: number, values: number[]) => ({
  check: check.name,
  sample: sampleOf(at(seconds), { values }, check.condition),
});

describe('a release’s verification', () => {
  it('fills in the defaults of a check: every 30 s for 10 minutes, no failure tolerated, inconclusive fails', () => {
    const check = withCheckDefaults({ name: 'e', query: 'x', condition: { op: '<', threshold: 1 } });
    assert.deepEqual(
      [check.intervalSeconds, check.durationSeconds, check.failureLimit, check.inconclusive],
      [30, 600, 0, 'fail'],
    );
  });

  it('samples each check on its own interval, and only the checks that are due', () => {
    let v = startVerification([errors, latency], start);
    assert.deepEqual(
      dueChecks(v, at(0)).map((c) => c.name),
      ['errors', 'latency'],
    );
    v = withSamples(v, [take(errors, 0, [0]), take(latency, 0, [0.2])]);
    assert.deepEqual(dueChecks(v, at(5)), []);
    assert.deepEqual(
      dueChecks(v, at(10)).map((c) => c.name),
      ['errors'],
    );
    const running = verificationVerdict(v, at(10));
    assert.equal(running.state, 'running');
    assert.equal(running.nextAt, at(10));
    assert.equal(running.deadline, at(40));
  });

  it('passes when every check passed, naming each', () => {
    let v = startVerification([errors, latency], start);
    v = withSamples(v, [take(errors, 0, [0]), take(errors, 10, [0.001]), take(errors, 20, [0])]);
    v = withSamples(v, [take(latency, 0, [0.2]), take(latency, 20, [0.3]), take(latency, 40, [0.5])]);
    const verdict = verificationVerdict(v, at(40));
    assert.equal(verdict.state, 'passed');
    assert.equal(
      verdict.message,
      'Verified: errors: 3 samples met < 0.01, 0 missed it; latency: 3 samples met <= 0.5, 0 missed it',
    );
  });

  it('fails as soon as one check fails, with its query, the values seen and the threshold', () => {
    let v = startVerification([errors, latency], start);
    v = withSamples(v, [take(errors, 0, [0.2, 0.004]), take(latency, 0, [0.1])]);
    const verdict = verificationVerdict(v, at(1));
    assert.equal(verdict.state, 'failed');
    assert.equal(
      verdict.message,
      'Verification failed: check errors (x): 1 samples missed < 0.01 (limit 0); the last saw 0.2, 0.004',
    );
    assert.equal(verdict.nextAt, null);
  });

  it('keeps at most 10 values of a sample, having judged it on all of them', () => {
    const many = Array.from({ length: 50 }, (_, i) => (i === 40 ? 1 : 0));
    const v = withSamples(startVerification([errors], start), [take(errors, 0, many)]);
    const [kept] = v.samples.errors ?? [];
    assert.equal(kept?.values.length, 10);
    assert.equal(kept?.outcome, 'fail');
  });

  it('refuses duplicate names and too many samples, at their paths', () => {
    const tooLong = { ...errors, intervalSeconds: 10, durationSeconds: 86_400 };
    assert.deepEqual(
      verificationIssues([errors, tooLong], '/checks').map((i) => i.path),
      ['/checks/1/durationSeconds', '/checks/1/name'],
    );
  });
});

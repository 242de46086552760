import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextUtc, TestClock } from '../harness/clock.ts';

// The scenario tests build their days with these; a mistake here would make them pass or
// fail by the calendar, so every hour of a week is tried as the starting point.
describe('the test clock', () => {
  it('nextUtc finds the next weekday and time, whatever the hour it is asked at', () => {
    const start = new TestClock().now();
    for (let hour = 0; hour < 8 * 24; hour++) {
      const after = new Date(start.getTime() + hour * 3_600_000);
      const found = nextUtc(after, 'Saturday', '12:00');
      assert.equal(found.getUTCDay(), 6);
      assert.equal(found.toISOString().slice(11), '12:00:00.000Z');
      assert.ok(found.getTime() >= after.getTime() + 60_000, 'at least a minute later');
      assert.ok(found.getTime() <= after.getTime() + 7 * 86_400_000 + 60_000, 'within a week');
    }
  });

  it('moves forward only, and keeps running from where it was moved', () => {
    const clock = new TestClock();
    const target = nextUtc(clock.now(), 'Monday', '19:30');
    clock.advanceTo(target);
    assert.ok(clock.now().getTime() >= target.getTime());
    assert.throws(() => clock.advanceTo(new Date(target.getTime() - 86_400_000)), /only moves forward/);
  });
});

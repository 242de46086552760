import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoWeekLabel, isoWeekStart, lastIsoWeeks } from '../../src/index.ts';

describe('ISO weeks', () => {
  it('start on Monday 00:00 UTC', () => {
    assert.equal(isoWeekStart(new Date('2026-11-29T23:59:59Z')).toISOString(), '2026-11-23T00:00:00.000Z');
    assert.equal(isoWeekStart(new Date('2026-11-30T00:00:00Z')).toISOString(), '2026-11-30T00:00:00.000Z');
  });
  it('belong to the year of their Thursday', () => {
    assert.equal(isoWeekLabel(new Date('2026-12-31T12:00:00Z')), '2026-W53'); // a Thursday
    assert.equal(isoWeekLabel(new Date('2027-01-03T12:00:00Z')), '2026-W53'); // its Sunday
    assert.equal(isoWeekLabel(new Date('2027-01-04T00:00:00Z')), '2027-W01');
    assert.equal(isoWeekLabel(new Date('2025-12-29T00:00:00Z')), '2026-W01'); // Monday of 2026's first week
  });
  it('the last N weeks end with the running one', () => {
    const { from, to } = lastIsoWeeks(new Date('2026-11-27T12:00:00Z'), 3);
    assert.deepEqual([from.toISOString(), to.toISOString()], ['2026-11-09T00:00:00.000Z', '2026-11-30T00:00:00.000Z']);
  });
});

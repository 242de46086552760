import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type PauseSchedule, SlipwayError, scheduledState, validatePauseSchedule } from '../../src/index.ts';

const nightly = (timezone: string): PauseSchedule => ({ pause: '0 20 * * *', resume: '0 7 * * *', timezone });
const weekdays: PauseSchedule = { pause: '0 20 * * 1-5', resume: '0 7 * * 1-5', timezone: 'Europe/Paris' };
const at = (iso: string) => new Date(iso);

describe('scheduledState: time zones', () => {
  it('reads the expressions in the schedule’s zone, not in UTC', () => {
    const now = at('2026-01-15T19:30:00Z'); // 20:30 in Paris (UTC+1 in winter)
    assert.deepEqual(scheduledState(nightly('Europe/Paris'), now), {
      state: 'paused',
      since: at('2026-01-15T19:00:00Z'),
      next: { state: 'running', at: at('2026-01-16T06:00:00Z') },
    });
    assert.deepEqual(scheduledState(nightly('UTC'), now), {
      state: 'running',
      since: at('2026-01-15T07:00:00Z'),
      next: { state: 'paused', at: at('2026-01-15T20:00:00Z') },
    });
  });

  it('follows daylight saving time', () => {
    const summer = scheduledState(nightly('Europe/Paris'), at('2026-07-15T18:30:00Z')); // 20:30 at UTC+2
    assert.equal(summer.state, 'paused');
    assert.deepEqual(summer.since, at('2026-07-15T18:00:00Z'));
  });

  it('counts a firing exactly at now as having happened', () => {
    const s = scheduledState(nightly('Europe/Paris'), at('2026-01-15T19:00:00.000Z'));
    assert.equal(s.state, 'paused');
    assert.deepEqual(s.since, at('2026-01-15T19:00:00Z'));
    assert.deepEqual(s.next, { state: 'running', at: at('2026-01-16T06:00:00Z') });
    const before = scheduledState(nightly('Europe/Paris'), at('2026-01-15T18:59:59.999Z'));
    assert.equal(before.state, 'running');
    assert.deepEqual(before.next, { state: 'paused', at: at('2026-01-15T19:00:00Z') });
  });
});

describe('scheduledState: weekdays only', () => {
  it('stays paused over the weekend, since Friday 20:00', () => {
    // 2026-03-07 is a Saturday; noon in Paris is 11:00 UTC.
    assert.deepEqual(scheduledState(weekdays, at('2026-03-07T11:00:00Z')), {
      state: 'paused',
      since: at('2026-03-06T19:00:00Z'),
      next: { state: 'running', at: at('2026-03-09T06:00:00Z') },
    });
  });

  it('runs during a weekday', () => {
    const s = scheduledState(weekdays, at('2026-03-09T10:00:00Z'));
    assert.equal(s.state, 'running');
    assert.deepEqual(s.since, at('2026-03-09T06:00:00Z'));
    assert.deepEqual(s.next, { state: 'paused', at: at('2026-03-09T19:00:00Z') });
  });
});

describe('scheduledState: edges', () => {
  it('runs, since nothing, when neither fired within the look-back', () => {
    const yearly: PauseSchedule = { pause: '0 20 1 1 *', resume: '0 7 2 1 *', timezone: 'UTC' };
    assert.deepEqual(scheduledState(yearly, at('2026-03-01T00:00:00Z')), {
      state: 'running',
      since: null,
      next: { state: 'paused', at: at('2027-01-01T20:00:00Z') },
    });
    assert.equal(scheduledState(yearly, at('2026-01-05T00:00:00Z')).state, 'running');
    assert.equal(scheduledState(yearly, at('2026-01-01T21:00:00Z')).state, 'paused');
  });

  it('keeps running when pause and resume fire at the same instant', () => {
    const s = { pause: '0 20 * * *', resume: '0 20 * * 5', timezone: 'UTC' };
    const friday = scheduledState(s, at('2026-03-06T21:00:00Z'));
    assert.deepEqual([friday.state, friday.since], ['running', at('2026-03-06T20:00:00Z')]);
    assert.equal(scheduledState(s, at('2026-03-05T21:00:00Z')).state, 'paused');
    assert.deepEqual(scheduledState(s, at('2026-03-06T19:00:00Z')).next, {
      state: 'running',
      at: at('2026-03-06T20:00:00Z'),
    });
  });

  it('gives no next firing when the expressions can never fire', () => {
    const never = { pause: '0 0 30 2 *', resume: '0 0 31 2 *', timezone: 'UTC' };
    assert.deepEqual(scheduledState(never, at('2026-03-01T00:00:00Z')), { state: 'running', since: null, next: null });
  });

  it('refuses an invalid schedule', () => {
    assert.throws(
      () => scheduledState({ ...weekdays, timezone: 'Mars/Olympus' }, at('2026-03-01T00:00:00Z')),
      (e: unknown) =>
        e instanceof SlipwayError && e.code === 'invalid_input' && e.fields?.[0]?.path === '/schedule/timezone',
    );
  });
});

describe('validatePauseSchedule', () => {
  it('accepts valid schedules', () => {
    assert.deepEqual(validatePauseSchedule(weekdays), []);
    assert.deepEqual(
      validatePauseSchedule({ pause: '30 19 * * MON-FRI', resume: '*/30 6-8 * * *', timezone: 'UTC' }),
      [],
    );
  });

  const table: Array<[string, Partial<PauseSchedule>, string, RegExp]> = [
    ['an hour out of range', { pause: '0 25 * * *' }, '/schedule/pause', /not a valid cron expression.*hour/],
    ['words', { resume: 'every morning' }, '/schedule/resume', /5 fields/],
    ['a nickname', { pause: '@daily' }, '/schedule/pause', /5 fields/],
    ['seconds (6 fields)', { pause: '0 0 20 * * *' }, '/schedule/pause', /5 fields.*"0 0 20 \* \* \*"/],
    ['an empty expression', { resume: '' }, '/schedule/resume', /5 fields/],
    ['the same expression twice', { resume: '0 20 * * 1-5' }, '/schedule/resume', /differ/],
    ['an unknown time zone', { timezone: 'Mars/Olympus' }, '/schedule/timezone', /"Mars\/Olympus" is not a known/],
    ['an offset instead of a zone', { timezone: 'CET+1' }, '/schedule/timezone', /IANA/],
    ['an empty time zone', { timezone: '' }, '/schedule/timezone', /IANA/],
  ];
  for (const [title, over, path, message] of table) {
    it(`reports ${title}`, () => {
      const issues = validatePauseSchedule({ ...weekdays, ...over });
      assert.equal(issues.length, 1, JSON.stringify(issues));
      assert.equal(issues[0]?.path, path);
      assert.match(issues[0]?.message ?? '', message);
    });
  }

  it('reports every bad field, under the given base path', () => {
    const issues = validatePauseSchedule({ pause: 'x', resume: '61 * * * *', timezone: 'Nowhere' }, '/spec/nightPause');
    assert.deepEqual(
      issues.map((i) => i.path),
      ['/spec/nightPause/pause', '/spec/nightPause/resume', '/spec/nightPause/timezone'],
    );
  });

  it('reports a field of the wrong type instead of throwing', () => {
    const issues = validatePauseSchedule({
      pause: 20,
      resume: '0 7 * * *',
      timezone: null,
    } as unknown as PauseSchedule);
    assert.deepEqual(
      issues.map((i) => i.path),
      ['/schedule/pause', '/schedule/timezone'],
    );
  });
});

/**
 * A clock for tests that need a particular day or hour: it starts at the real time and only
 * moves forward (a server never sees time run backwards), at real speed in between. A test
 * names the moments it needs relative to it (`nextUtc`), never as fixed dates, so it passes
 * on any day it runs; whatever the test builds reads this clock alone.
 */
export class TestClock {
  #offsetMs = 0;

  /** The clock's reading; hand this to every part under test as its `now`. */
  readonly now = (): Date => new Date(Date.now() + this.#offsetMs);

  /** Moves the clock forward to `at`. Moving it back is a mistake in the test. */
  advanceTo(at: Date): Date {
    const by = at.getTime() - this.now().getTime();
    if (by < 0)
      throw new Error(`The test clock only moves forward: ${at.toISOString()} is before ${this.now().toISOString()}`);
    this.#offsetMs += by;
    return at;
  }
}

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export type Weekday = (typeof weekdays)[number];

/**
 * The first `weekday` at `hh:mm` UTC after `after` (at least a minute after it, so "the next
 * Saturday noon" asked at 11:59:59.9 on a Saturday is a week later, not a moment later).
 */
export function nextUtc(after: Date, weekday: Weekday, time: string): Date {
  const [hours, minutes] = time.split(':').map(Number);
  const at = new Date(after);
  at.setUTCHours(hours ?? 0, minutes ?? 0, 0, 0);
  const ahead = (weekdays.indexOf(weekday) - at.getUTCDay() + 7) % 7;
  at.setUTCDate(at.getUTCDate() + ahead);
  if (at.getTime() < after.getTime() + 60_000) at.setUTCDate(at.getUTCDate() + 7);
  return at;
}

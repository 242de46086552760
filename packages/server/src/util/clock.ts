/**
 * Where the server reads the time. One function, handed to every part that needs "now", so a
 * test can run the whole server on a clock of its own and no verdict mixes two clocks.
 * Durations that only measure elapsed time (timeouts, retries) use timers, not this.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

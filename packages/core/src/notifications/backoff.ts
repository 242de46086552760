/**
 * When to try a failed delivery again: exponential backoff with full jitter (a random wait
 * between 0 and base·2^(attempt−1), capped), so receivers that came back are not hit by every
 * sender at once. `random` is injected (Math.random in the server, fixed values in tests).
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export function retryDelayMs(policy: BackoffPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  // Never 0: a receiver that just failed gets at least a moment.
  return Math.max(1, Math.floor(random() * ceiling));
}

/**
 * A token bucket per destination: at most `perSecond` requests a second on average, `burst` at
 * once, so an event storm (a hundred releases failing together) does not flood one receiver.
 * Per replica: with N replicas a destination may see up to N times the rate.
 */
export class DestinationRateLimit {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** Takes a token for the destination at `nowMs`; answers 0, or how many ms until one is there. */
  take(destination: string, nowMs: number): number {
    const bucket = this.#buckets.get(destination) ?? { tokens: this.burst, at: nowMs };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((nowMs - bucket.at) / 1000) * this.perSecond);
    bucket.at = nowMs;
    this.#buckets.set(destination, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / this.perSecond) * 1000);
  }
}

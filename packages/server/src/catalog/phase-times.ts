/**
 * Wall time spent in each phase of catalog ingestion, summed over refreshes: with several
 * refreshes at once the sums overlap and add up to more than the time that passed. Cheap
 * enough to keep on; benchmarks read it to show where the time goes.
 */
export class PhaseTimes {
  #ms = new Map<string, number>();

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(phase, performance.now() - started);
    }
  }

  timeSync<T>(phase: string, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.add(phase, performance.now() - started);
    }
  }

  add(phase: string, ms: number): void {
    this.#ms.set(phase, (this.#ms.get(phase) ?? 0) + ms);
  }

  /** Seconds per phase, in the order the phases first ran. */
  seconds(): Record<string, number> {
    return Object.fromEntries([...this.#ms].map(([phase, ms]) => [phase, Math.round(ms) / 1000]));
  }

  reset(): void {
    this.#ms = new Map();
  }
}

/** Counts outstanding work (queued, running, parked or batching runs) so `idle()` can wait for zero. */
export class PendingTracker {
  private count = 0;
  private waiters: Array<() => void> = [];

  get size(): number {
    return this.count;
  }

  add(n = 1): void {
    this.count += n;
  }

  done(n = 1): void {
    this.count = Math.max(0, this.count - n);
    if (this.count === 0) this.flush();
  }

  whenIdle(timeoutMs: number | undefined, describe: () => string): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter = (): void => {
        if (timer) clearTimeout(timer);
        resolve();
      };
      this.waiters.push(waiter);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`inngest-local: not idle after ${timeoutMs}ms (${describe()})`));
        }, timeoutMs);
      }
    });
  }

  /** Release every `idle()` caller, e.g. when the executor stops. */
  flush(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}

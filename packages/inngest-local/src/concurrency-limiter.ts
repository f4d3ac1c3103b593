export interface Bucket {
  key: string;
  limit: number;
}

interface Waiter {
  buckets: Bucket[];
  grant: () => void;
  settled: boolean;
}

/**
 * Counting semaphores keyed by concurrency bucket. Waiters queue per bucket (FIFO), so a
 * run blocked on one key never holds up runs for other keys.
 */
export class ConcurrencyLimiter {
  private readonly used = new Map<string, number>();
  private readonly queues = new Map<string, Waiter[]>();

  /**
   * Call `grant` (synchronously if possible) once every bucket has room. `front` puts the
   * waiter ahead of the queue, for runs resuming after a sleep. Returns a cancel function.
   */
  acquire(buckets: Bucket[], grant: () => void, front = false): () => void {
    const waiter: Waiter = { buckets, grant, settled: false };
    if (this.fits(buckets) && (front || buckets.every((b) => !this.queues.get(b.key)?.length))) {
      this.take(waiter);
      grant();
      return () => undefined;
    }
    for (const bucket of buckets) {
      const queue = this.queues.get(bucket.key) ?? [];
      if (front) queue.unshift(waiter);
      else queue.push(waiter);
      this.queues.set(bucket.key, queue);
    }
    return () => {
      waiter.settled = true;
    };
  }

  release(buckets: Bucket[]): void {
    for (const bucket of buckets) {
      const n = (this.used.get(bucket.key) ?? 1) - 1;
      if (n <= 0) this.used.delete(bucket.key);
      else this.used.set(bucket.key, n);
    }
    for (const bucket of buckets) this.drain(bucket.key);
  }

  private drain(key: string): void {
    const queue = this.queues.get(key);
    while (queue && queue.length > 0) {
      const head = queue[0] as Waiter;
      if (head.settled) {
        queue.shift();
        continue;
      }
      if (!this.fits(head.buckets)) break;
      queue.shift();
      this.take(head);
      head.grant();
    }
    if (queue && queue.length === 0) this.queues.delete(key);
  }

  private fits(buckets: Bucket[]): boolean {
    return buckets.every((b) => (this.used.get(b.key) ?? 0) < b.limit);
  }

  private take(waiter: Waiter): void {
    waiter.settled = true;
    for (const b of waiter.buckets) this.used.set(b.key, (this.used.get(b.key) ?? 0) + 1);
  }
}

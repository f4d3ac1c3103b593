/** A counting semaphore; `run` waits for a free slot (FIFO) before calling `task`. */
export class Semaphore {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      // Hand the slot straight to the next waiter so `active` never dips and gets stolen.
      if (next) next();
      else this.active--;
    }
  }
}

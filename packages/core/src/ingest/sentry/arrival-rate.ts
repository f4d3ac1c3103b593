const TENTHS = 10;

/**
 * How many deliveries were stored in the last second, counted in tenths of a second so the
 * window slides without keeping a timestamp per delivery. Times are milliseconds on one clock
 * (`performance.now()`), passed in so the count can be tested without waiting.
 */
export class ArrivalRate {
  readonly #counts = new Array<number>(TENTHS).fill(0);
  /** The tenth of a second the newest slot of #counts stands for. */
  #newest = Number.NEGATIVE_INFINITY;

  count(now: number, n = 1): void {
    this.#advance(now);
    this.#counts[this.#newest % TENTHS] = (this.#counts[this.#newest % TENTHS] ?? 0) + n;
  }

  /** Deliveries counted in the second up to `now`. */
  lastSecond(now: number): number {
    this.#advance(now);
    return this.#counts.reduce((sum, n) => sum + n, 0);
  }

  /** Empties the slots of the tenths that have passed since the newest one. */
  #advance(now: number): void {
    const tenth = Math.floor(now / 100);
    if (tenth <= this.#newest) return;
    if (tenth - this.#newest >= TENTHS) this.#counts.fill(0);
    else for (let t = this.#newest + 1; t <= tenth; t++) this.#counts[t % TENTHS] = 0;
    this.#newest = tenth;
  }
}

/**
 * Remembers ids for `ttlMs`, bounded to `maxEntries` (oldest forgotten first) so a long-lived
 * executor under steady load stays within a fixed memory budget. Map iteration order is
 * insertion order, so expiry only ever has to look at the oldest entries.
 */
export class EventDedup {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  /** Record `key`; false when it was already seen within the window. */
  accept(key: string, now: number = Date.now()): boolean {
    this.expire(now);
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    return true;
  }

  private expire(now: number): void {
    for (const [key, at] of this.seen) {
      if (now - at < this.ttlMs && this.seen.size < this.maxEntries) break;
      this.seen.delete(key);
    }
  }
}

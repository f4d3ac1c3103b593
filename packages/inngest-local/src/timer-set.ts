// setTimeout overflows (and fires at once) past ~24.8 days, which a long step.sleep can exceed.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Every timer the executor owns, so `stop()` can cancel them all. */
export class TimerSet {
  private readonly active = new Set<NodeJS.Timeout>();

  /** Run `fn` after `ms`; returns a cancel function. */
  set(ms: number, fn: () => void): () => void {
    let handle: NodeJS.Timeout | undefined;
    let cancelled = false;
    const arm = (remaining: number): void => {
      const step = Math.min(Math.max(0, remaining), MAX_TIMEOUT_MS);
      handle = setTimeout(() => {
        if (handle) this.active.delete(handle);
        if (cancelled) return;
        if (remaining > step) arm(remaining - step);
        else fn();
      }, step);
      this.active.add(handle);
    };
    arm(ms);
    return () => {
      cancelled = true;
      if (handle) {
        clearTimeout(handle);
        this.active.delete(handle);
      }
    };
  }

  clearAll(): void {
    for (const handle of this.active) clearTimeout(handle);
    this.active.clear();
  }
}

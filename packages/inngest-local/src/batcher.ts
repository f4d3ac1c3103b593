import type { CompiledFunction } from "./compile-function.ts";
import type { TimerSet } from "./timer-set.ts";
import type { InngestEvent } from "./types.ts";

interface Batch {
  fn: CompiledFunction;
  events: InngestEvent[];
  cancelTimer: () => void;
}

/** Collects events for `batchEvents` functions until maxSize or the timeout, then starts one run. */
export class Batcher {
  private readonly batches = new Map<string, Batch>();

  constructor(
    private readonly timers: TimerSet,
    private readonly start: (fn: CompiledFunction, events: InngestEvent[]) => void,
    private readonly onBatchOpened: () => void,
    private readonly onBatchClosed: () => void,
  ) {}

  get size(): number {
    return this.batches.size;
  }

  add(fn: CompiledFunction, event: InngestEvent): void {
    const spec = fn.batch;
    if (!spec) throw new Error(`function ${fn.id} does not batch events`);
    const keyValue = spec.key ? spec.key({ event }) : "";
    const id = `${fn.id}\0${typeof keyValue === "string" ? keyValue : (JSON.stringify(keyValue) ?? "")}`;
    let batch = this.batches.get(id);
    if (!batch) {
      const created: Batch = { fn, events: [], cancelTimer: () => undefined };
      created.cancelTimer = this.timers.set(spec.timeoutMs, () => this.flush(id));
      this.batches.set(id, created);
      this.onBatchOpened();
      batch = created;
    }
    batch.events.push(event);
    if (batch.events.length >= spec.maxSize) this.flush(id);
  }

  /** Drop every open batch without starting runs (executor stop). */
  clear(): void {
    for (const batch of this.batches.values()) batch.cancelTimer();
    const n = this.batches.size;
    this.batches.clear();
    for (let i = 0; i < n; i++) this.onBatchClosed();
  }

  private flush(id: string): void {
    const batch = this.batches.get(id);
    if (!batch) return;
    this.batches.delete(id);
    batch.cancelTimer();
    this.start(batch.fn, batch.events);
    this.onBatchClosed();
  }
}

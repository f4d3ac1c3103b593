import type { CompiledFunction } from "./compile-function.ts";
import type { FunctionRegistry } from "./function-registry.ts";
import type { TimerSet } from "./timer-set.ts";
import type { InngestEvent } from "./types.ts";
import { ulid } from "./ulid.ts";

/** Fires cron-triggered functions, from a minute-aligned clock or explicit `tick(date)` calls. */
export class CronTicker {
  private readonly lastFired = new Map<string, number>();
  private cancelClock: (() => void) | undefined;

  constructor(
    private readonly registry: FunctionRegistry,
    private readonly timers: TimerSet,
    private readonly start: (fn: CompiledFunction, event: InngestEvent) => void,
  ) {}

  /** Start every cron function whose schedule matches `date`, at most once per function per minute. */
  tick(date: Date = new Date()): void {
    const minute = Math.floor(date.getTime() / 60_000);
    for (const fn of this.registry.all()) {
      const schedule = fn.crons.find((c) => c.matches(date));
      if (!schedule || this.lastFired.get(fn.id) === minute) continue;
      this.lastFired.set(fn.id, minute);
      const ts = date.getTime();
      this.start(fn, { name: "inngest/scheduled.timer", data: { cron: schedule.source }, id: ulid(ts), ts });
    }
  }

  startClock(): void {
    if (this.cancelClock) return;
    const arm = (): void => {
      const now = Date.now();
      // A few ms past the boundary so the tick's Date lands inside the new minute.
      const wait = 60_000 - (now % 60_000) + 5;
      this.cancelClock = this.timers.set(wait, () => {
        this.tick(new Date());
        arm();
      });
    };
    arm();
  }

  stop(): void {
    this.cancelClock?.();
    this.cancelClock = undefined;
  }
}

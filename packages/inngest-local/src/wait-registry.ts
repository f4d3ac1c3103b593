import { celMatches, compileCel, type CelProgram } from "./cel.ts";
import type { InngestEvent } from "./types.ts";

interface Waiter {
  triggerEvent: InngestEvent;
  condition?: CelProgram;
  resolve: (event: InngestEvent) => void;
}

/** Pending `step.waitForEvent` calls, indexed by the awaited event name. */
export class WaitRegistry {
  private readonly byName = new Map<string, Set<Waiter>>();
  // Apps reuse a handful of `if` expressions across many runs; compile each once.
  private readonly programs = new Map<string, CelProgram>();

  /** Throws when `ifExpression` is outside the supported CEL subset. Returns a cancel function. */
  add(
    eventName: string,
    ifExpression: string | undefined,
    triggerEvent: InngestEvent,
    resolve: (event: InngestEvent) => void,
  ): () => void {
    const waiter: Waiter = { triggerEvent, condition: ifExpression ? this.program(ifExpression) : undefined, resolve };
    const set = this.byName.get(eventName) ?? new Set();
    set.add(waiter);
    this.byName.set(eventName, set);
    return () => this.remove(eventName, waiter);
  }

  /** Resolve every waiter that `event` satisfies. */
  offer(event: InngestEvent): void {
    const set = this.byName.get(event.name);
    if (!set) return;
    for (const waiter of [...set]) {
      if (waiter.condition && !celMatches(waiter.condition, { event: waiter.triggerEvent, async: event })) continue;
      this.remove(event.name, waiter);
      waiter.resolve(event);
    }
  }

  private remove(eventName: string, waiter: Waiter): void {
    const set = this.byName.get(eventName);
    if (!set) return;
    set.delete(waiter);
    if (set.size === 0) this.byName.delete(eventName);
  }

  private program(source: string): CelProgram {
    let program = this.programs.get(source);
    if (!program) {
      program = compileCel(source, ["event", "async"]);
      if (this.programs.size >= 1000) this.programs.clear();
      this.programs.set(source, program);
    }
    return program;
  }
}

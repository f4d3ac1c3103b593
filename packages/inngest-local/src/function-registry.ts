import { celMatches } from "./cel.ts";
import { compileFunction, type CompiledFunction } from "./compile-function.ts";
import type { FunctionConfig, InngestEvent, LogFn } from "./types.ts";

export class RegistrationError extends Error {
  constructor(readonly problems: string[]) {
    super(`inngest-local rejected the app's functions:\n  - ${problems.join("\n  - ")}`);
    this.name = "RegistrationError";
  }
}

/** Registered functions, indexed by id and by trigger event name. */
export class FunctionRegistry {
  private byId = new Map<string, CompiledFunction>();
  private byEvent = new Map<string, CompiledFunction[]>();
  private wildcards: CompiledFunction[] = [];
  private readonly warned = new Set<string>();
  private registrations = 0;

  constructor(private readonly log: LogFn) {}

  get syncCount(): number {
    return this.registrations;
  }

  /** Replace the whole function set (one app per executor); all-or-nothing like Inngest's sync. */
  register(configs: FunctionConfig[]): void {
    const compiled: CompiledFunction[] = [];
    const problems: string[] = [];
    for (const config of configs) {
      const { fn, errors, warnings } = compileFunction(config);
      problems.push(...errors);
      if (fn) compiled.push(fn);
      if (warnings.length > 0) this.warnIgnored(config.id, warnings);
    }
    if (problems.length > 0) throw new RegistrationError(problems);
    this.byId = new Map(compiled.map((fn) => [fn.id, fn]));
    this.byEvent = new Map();
    this.wildcards = [];
    for (const fn of compiled) {
      for (const trigger of fn.triggers) {
        if (trigger.prefix !== undefined) {
          if (!this.wildcards.includes(fn)) this.wildcards.push(fn);
          continue;
        }
        const list = this.byEvent.get(trigger.event) ?? [];
        if (!list.includes(fn)) list.push(fn);
        this.byEvent.set(trigger.event, list);
      }
    }
    this.registrations++;
  }

  get(id: string): CompiledFunction | undefined {
    return this.byId.get(id);
  }

  all(): CompiledFunction[] {
    return [...this.byId.values()];
  }

  /** Functions with a trigger whose name and `if` expression match `event`. */
  matching(event: InngestEvent): CompiledFunction[] {
    const candidates = this.byEvent.get(event.name);
    if (!candidates && this.wildcards.length === 0) return [];
    const vars = { event };
    const result: CompiledFunction[] = [];
    for (const fn of [...(candidates ?? []), ...this.wildcards]) {
      const hit = fn.triggers.some((t) => {
        const nameOk = t.prefix !== undefined ? event.name.startsWith(t.prefix) : t.event === event.name;
        return nameOk && (!t.condition || celMatches(t.condition, vars));
      });
      if (hit) result.push(fn);
    }
    return result;
  }

  private warnIgnored(fnId: string, features: string[]): void {
    const key = `${fnId}\0${features.join(",")}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    const list = features.join(", ");
    this.log("warn", `inngest-local: function "${fnId}" uses ${list}; not supported by inngest-local, so ignored`, {
      functionId: fnId,
      ignored: features,
    });
  }
}

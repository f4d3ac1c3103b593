import { compileCel, type CelProgram } from "./cel.ts";
import { parseCron, type CronSchedule } from "./cron.ts";
import { parseDurationMs } from "./duration.ts";
import type { ConcurrencyOption, FunctionConfig } from "./types.ts";

const DEFAULT_RETRIES = 3;

export interface EventTrigger {
  event: string;
  /** Set for wildcard triggers like "app/*". */
  prefix?: string;
  condition?: CelProgram;
}

export interface ConcurrencyRule {
  limit: number;
  /** Concurrency bucket namespace: the function id, or the key expression for env/account scope. */
  scope: string;
  key?: CelProgram;
}

export interface CompiledFunction {
  id: string;
  config: FunctionConfig;
  url: string;
  maxAttempts: number;
  triggers: EventTrigger[];
  crons: CronSchedule[];
  concurrency: ConcurrencyRule[];
  batch?: { maxSize: number; timeoutMs: number; key?: CelProgram };
}

const IGNORED_FIELDS = [
  "rateLimit",
  "throttle",
  "debounce",
  "idempotency",
  "cancel",
  "priority",
  "singleton",
  "timeouts",
];

/** Validate one registered config; errors reject the sync, warnings name features that are ignored. */
export function compileFunction(config: FunctionConfig): {
  fn?: CompiledFunction;
  errors: string[];
  warnings: string[];
} {
  const errors: string[] = [];
  const warnings: string[] = [];
  const guard: Guard = (what, build) => {
    try {
      return build();
    } catch (err) {
      errors.push(`${config.id}: ${what}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  };
  const step = Object.values(config.steps ?? {})[0];
  if (!step?.runtime?.url) errors.push(`${config.id}: no step URL in the registered config`);
  if (step && step.runtime.type !== "http")
    errors.push(`${config.id}: runtime "${step.runtime.type}" is not supported (only http)`);
  const retries = step?.retries?.attempts ?? DEFAULT_RETRIES;

  const { triggers, crons } = compileTriggers(config, guard, warnings);

  const concurrency = guard("concurrency", () => compileConcurrency(config.id, config.concurrency)) ?? [];
  if (Array.isArray(config.concurrency) && config.concurrency.some((c) => c.scope === "account"))
    warnings.push('concurrency scope "account" (treated as "env")');

  const batch = compileBatch(config, guard, warnings);
  for (const field of IGNORED_FIELDS)
    if (config[field] !== undefined && config[field] !== null) warnings.push(field === "cancel" ? "cancelOn" : field);

  if (errors.length > 0) return { errors, warnings };
  return {
    fn: {
      id: config.id,
      config,
      url: step?.runtime.url ?? "",
      maxAttempts: retries + 1,
      triggers,
      crons,
      concurrency,
      batch,
    },
    errors,
    warnings,
  };
}

/** Runs `build`, recording what it throws as an error of `what`. */
type Guard = <T>(what: string, build: () => T) => T | undefined;

function compileTriggers(
  config: FunctionConfig,
  guard: Guard,
  warnings: string[],
): { triggers: EventTrigger[]; crons: CronSchedule[] } {
  const triggers: EventTrigger[] = [];
  const crons: CronSchedule[] = [];
  for (const trigger of config.triggers ?? []) {
    if ("cron" in trigger) {
      const schedule = guard("cron trigger", () => parseCron(trigger.cron));
      if (schedule) crons.push(schedule);
      if (trigger.jitter) warnings.push("cron jitter");
      continue;
    }
    const expression = trigger.expression;
    const condition = expression ? guard("trigger expression", () => compileCel(expression, ["event"])) : undefined;
    const prefix = trigger.event.endsWith("*") ? trigger.event.slice(0, -1) : undefined;
    triggers.push({ event: trigger.event, prefix, condition });
  }
  return { triggers, crons };
}

function compileBatch(config: FunctionConfig, guard: Guard, warnings: string[]): CompiledFunction["batch"] {
  if (!config.batchEvents) return undefined;
  const { maxSize, timeout, key, if: condition } = config.batchEvents;
  const batch = guard("batchEvents", () => ({
    maxSize: Math.max(1, maxSize),
    timeoutMs: parseDurationMs(timeout),
    key: key ? compileCel(key, ["event"]) : undefined,
  }));
  if (condition) warnings.push("batchEvents.if");
  return batch;
}

function compileConcurrency(fnId: string, option: FunctionConfig["concurrency"]): ConcurrencyRule[] {
  if (option === undefined || option === null) return [];
  const list: ConcurrencyOption[] =
    typeof option === "number" ? [{ limit: option }] : Array.isArray(option) ? option : [option];
  // Inngest treats a limit of 0 as "no limit" (the plan maximum).
  return list
    .filter((c) => c.limit > 0)
    .map((c) => {
      const shared = c.scope !== undefined && c.scope !== "fn";
      return {
        limit: c.limit,
        scope: shared ? `${c.scope === "account" ? "env" : c.scope}:${c.key ?? ""}` : `fn:${fnId}`,
        key: c.key ? compileCel(c.key, ["event"]) : undefined,
      };
    });
}

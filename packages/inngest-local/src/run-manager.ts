import type { CompiledFunction } from "./compile-function.ts";
import type { Bucket, ConcurrencyLimiter } from "./concurrency-limiter.ts";
import type { FunctionRegistry } from "./function-registry.ts";
import { parkOp, type ParkContext } from "./park-ops.ts";
import type { PendingTracker } from "./pending-tracker.ts";
import type { Op, StepResult } from "./protocol.ts";
import { RunDriver, type RunHost } from "./run-driver.ts";
import type { RunHistory } from "./run-history.ts";
import type { SdkClient, SdkResponse } from "./sdk-client.ts";
import type { TimerSet } from "./timer-set.ts";
import type { InngestEvent, LogFn, RunInfo } from "./types.ts";
import { ulid } from "./ulid.ts";
import type { WaitRegistry } from "./wait-registry.ts";

export interface RunManagerDeps {
  registry: FunctionRegistry;
  sdk: SdkClient;
  limiter: ConcurrencyLimiter;
  waits: WaitRegistry;
  history: RunHistory;
  pending: PendingTracker;
  timers: TimerSet;
  log: LogFn;
  backoffMs: (attempt: number) => number;
  /** Route executor-generated events (function.failed / function.finished) like sent ones. */
  emit: (events: InngestEvent[]) => void;
}

/** Owns every live run: starts them, gives them concurrency slots, and reacts when they end. */
export class RunManager implements RunHost {
  private readonly active = new Set<RunDriver>();
  private readonly onDone = new Map<RunDriver, (result: StepResult) => void>();
  private readonly buckets = new Map<RunDriver, Bucket[]>();
  private readonly parkContext: ParkContext;

  constructor(private readonly deps: RunManagerDeps) {
    this.parkContext = {
      setTimer: (ms, fn) => deps.timers.set(ms, fn),
      waits: deps.waits,
      lookup: (id) => deps.registry.get(id),
      startChild: (fn, event, onDone) => void this.start(fn, [event], onDone),
    };
  }

  get size(): number {
    return this.active.size;
  }

  start(fn: CompiledFunction, events: InngestEvent[], onDone?: (result: StepResult) => void): RunDriver {
    const first = events[0] as InngestEvent;
    const record: RunInfo = {
      id: ulid(),
      functionId: fn.id,
      status: "queued",
      eventName: first.name,
      eventIds: events.map((e) => e.id),
      attempts: 0,
      startedAt: Date.now(),
    };
    const driver = new RunDriver(fn, events, record, this);
    this.deps.pending.add();
    this.active.add(driver);
    this.deps.history.add(record);
    if (onDone) this.onDone.set(driver, onDone);
    this.deps.log("debug", "inngest-local: run started", { runId: record.id, functionId: fn.id, event: first.name });
    driver.start();
    return driver;
  }

  /** Abandon every run (executor stop). */
  cancelAll(): void {
    for (const driver of [...this.active]) driver.cancel();
  }

  call(fn: CompiledFunction, stepId: string, body: unknown): Promise<SdkResponse> {
    const url = new URL(fn.url);
    url.searchParams.set("fnId", fn.id);
    url.searchParams.set("stepId", stepId);
    return this.deps.sdk.post(url.href, body);
  }

  backoffMs(attempt: number): number {
    return this.deps.backoffMs(attempt);
  }

  setTimer(ms: number, fn: () => void): () => void {
    return this.deps.timers.set(ms, fn);
  }

  acquireSlot(driver: RunDriver, grant: () => void, resuming: boolean): () => void {
    if (driver.fn.concurrency.length === 0) {
      grant();
      return () => undefined;
    }
    const vars = { event: driver.event };
    const buckets = driver.fn.concurrency.map((rule) => {
      const value = rule.key ? rule.key(vars) : "";
      return {
        key: `${rule.scope}\0${typeof value === "string" ? value : (JSON.stringify(value) ?? "")}`,
        limit: rule.limit,
      };
    });
    this.buckets.set(driver, buckets);
    return this.deps.limiter.acquire(buckets, grant, resuming);
  }

  releaseSlot(driver: RunDriver): void {
    const buckets = this.buckets.get(driver);
    if (buckets) this.deps.limiter.release(buckets);
  }

  park(driver: RunDriver, op: Op, resolve: (result: StepResult) => void): () => void {
    return parkOp(this.parkContext, driver, op, resolve);
  }

  debug(message: string, fields: object): void {
    this.deps.log("debug", message, fields);
  }

  finished(driver: RunDriver): void {
    const { record, fn } = driver;
    this.active.delete(driver);
    if (driver.hasSlot) this.releaseSlot(driver);
    this.buckets.delete(driver);
    this.deps.history.markFinished(record);
    const onDone = this.onDone.get(driver);
    this.onDone.delete(driver);
    if (record.status === "failed") {
      this.deps.log("warn", `inngest-local: run of ${fn.id} failed: ${record.error?.message ?? "unknown error"}`, {
        runId: record.id,
        functionId: fn.id,
      });
    } else {
      this.deps.log("debug", `inngest-local: run ${record.status}`, { runId: record.id, functionId: fn.id });
    }
    if (record.status !== "cancelled") {
      onDone?.(
        record.status === "completed"
          ? { type: "data", data: record.output ?? null }
          : { type: "error", error: record.error ?? null },
      );
      this.emitLifecycle(driver);
    }
    // Last, so runs started by the lifecycle events keep idle() waiting.
    this.deps.pending.done();
  }

  private emitLifecycle(driver: RunDriver): void {
    const { record, fn, event } = driver;
    // Lifecycle events of runs triggered by lifecycle events would loop forever.
    if (event.name === "inngest/function.failed" || event.name === "inngest/function.finished") return;
    const now = Date.now();
    const base = { function_id: fn.id, run_id: record.id, event };
    const events: InngestEvent[] = [];
    if (record.status === "failed") {
      events.push({ name: "inngest/function.failed", data: { ...base, error: record.error }, id: ulid(now), ts: now });
    }
    const outcome = record.status === "completed" ? { result: record.output ?? null } : { error: record.error };
    events.push({ name: "inngest/function.finished", data: { ...base, ...outcome }, id: ulid(now), ts: now });
    this.deps.emit(events);
  }
}

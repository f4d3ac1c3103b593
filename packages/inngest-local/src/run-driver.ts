import type { CompiledFunction } from "./compile-function.ts";
import { isKnownOpcode, toSerializedError, type Op, type StepResult } from "./protocol.ts";
import type { SdkResponse } from "./sdk-client.ts";
import type { InngestEvent, RunInfo, SerializedError } from "./types.ts";

/** Discovery calls use the literal step id "step"; anything else names one step to run. */
const DISCOVERY = "step";
/**
 * An app that does not answer at all (restarting, killed mid-call) is waited for this long
 * without spending the call's attempts, so a worker restart fails no run.
 */
const UNREACHABLE_GRACE_MS = 5 * 60_000;

/** What a run needs from the executor around it. */
export interface RunHost {
  call(fn: CompiledFunction, stepId: string, body: unknown): Promise<SdkResponse>;
  backoffMs(attempt: number): number;
  setTimer(ms: number, fn: () => void): () => void;
  /** Wait for a concurrency slot; returns a cancel function for a run that ends while queued. */
  acquireSlot(driver: RunDriver, grant: () => void, resuming: boolean): () => void;
  releaseSlot(driver: RunDriver): void;
  /** Start a Sleep/WaitForEvent/InvokeFunction op; `resolve` may be called later, once. Returns a cancel function. */
  park(driver: RunDriver, op: Op, resolve: (result: StepResult) => void): () => void;
  finished(driver: RunDriver): void;
  debug(message: string, fields: object): void;
}

/**
 * Drives one function run through the SDK's request/response protocol: discovery calls,
 * planned (parallel) step calls, retries with backoff, and parked ops (sleep, wait, invoke).
 */
export class RunDriver {
  private readonly steps: Record<string, StepResult> = {};
  private readonly stack: string[] = [];
  private readonly attempts = new Map<string, number>();
  private readonly inflight = new Set<string>();
  private readonly parked = new Map<string, () => void>();
  private discovering = false;
  /** Since when the app has not answered, and how often it was tried since. */
  private unreachable: { since: number; tries: number } | null = null;
  private rediscover = false;
  private disableImmediate = false;
  private holdsSlot = false;
  private waitingSlot = false;
  private cancelWait: (() => void) | undefined;
  private done = false;

  constructor(
    readonly fn: CompiledFunction,
    readonly events: InngestEvent[],
    readonly record: RunInfo,
    private readonly host: RunHost,
  ) {}

  get event(): InngestEvent {
    return this.events[0] as InngestEvent;
  }

  get hasSlot(): boolean {
    return this.holdsSlot;
  }

  start(): void {
    this.wake(false);
  }

  /** Abandon the run (executor stop): no more calls, timers or waits. */
  cancel(): void {
    this.finish("cancelled");
  }

  private wake(resuming: boolean): void {
    if (this.done) return;
    if (this.holdsSlot) return this.discover();
    if (this.waitingSlot) return;
    this.waitingSlot = true;
    this.cancelWait = this.host.acquireSlot(
      this,
      () => {
        this.waitingSlot = false;
        this.cancelWait = undefined;
        this.holdsSlot = true;
        if (this.record.status === "queued") this.record.status = "running";
        this.discover();
      },
      resuming,
    );
  }

  private discover(): void {
    if (this.done) return;
    if (this.discovering) {
      this.rediscover = true;
      return;
    }
    this.discovering = true;
    this.rediscover = false;
    this.callInBackground(DISCOVERY);
  }

  /** Start a call without waiting for it; a fault in handling its answer fails the run instead of escaping. */
  private callInBackground(key: string): void {
    this.call(key).catch((err: unknown) =>
      this.finish("failed", undefined, toSerializedError(err, "inngest-local could not handle the call")),
    );
  }

  private async call(key: string): Promise<void> {
    if (this.done) return;
    const attempt = this.attempts.get(key) ?? 0;
    this.record.attempts = Math.max(this.record.attempts, attempt + 1);
    const body = {
      event: this.event,
      events: this.events,
      steps: this.steps,
      ctx: {
        run_id: this.record.id,
        attempt,
        max_attempts: this.fn.maxAttempts,
        // Once a run has gone parallel, immediate execution would let a discovery call
        // re-run a step that is already in flight, so it stays off (as in Inngest).
        disable_immediate_execution: key !== DISCOVERY || this.disableImmediate,
        stack: { stack: this.stack, current: this.stack.length },
      },
    };
    let res: SdkResponse | undefined;
    let failure: unknown;
    try {
      res = await this.host.call(this.fn, key, body);
    } catch (err) {
      failure = err;
    }
    if (this.done) return;
    if (key === DISCOVERY) this.discovering = false;
    else this.inflight.delete(key);
    if (res) this.unreachable = null;
    if (res && (res.status === 200 || res.status === 206)) {
      this.attempts.delete(key);
      if (res.status === 200) return this.finish("completed", res.body);
      this.handleOps(key, attempt, res);
    } else {
      this.handleFailure(key, attempt, res, failure);
    }
    if (!this.done && this.rediscover && !this.discovering) this.discover();
    this.checkQuiescent();
  }

  private handleFailure(key: string, attempt: number, res: SdkResponse | undefined, failure: unknown): void {
    if (!res && this.waitForApp(key)) return;
    const error = res
      ? toSerializedError(res.body, `HTTP ${res.status}`)
      : toSerializedError(failure, "request failed");
    if (!res) error.message = `could not reach ${this.fn.url}: ${error.message}`;
    const next = attempt + 1;
    if (res?.header("x-inngest-no-retry") === "true" || next >= this.fn.maxAttempts)
      return this.finish("failed", undefined, error);
    this.host.debug("inngest-local: retrying call", {
      runId: this.record.id,
      functionId: this.fn.id,
      stepId: key,
      attempt: next,
      error: error.message,
    });
    this.attempts.set(key, next);
    this.retryLater(key, delayFor(res, this.host.backoffMs(next)));
  }

  /** Tries the call again later, attempt unspent, while the app has been silent for less than the grace period. */
  private waitForApp(key: string): boolean {
    const unreachable = (this.unreachable ??= { since: Date.now(), tries: 0 });
    if (Date.now() - unreachable.since >= UNREACHABLE_GRACE_MS) return false;
    this.retryLater(key, Math.min(100 * 2 ** unreachable.tries++, 2000));
    return true;
  }

  private handleOps(key: string, attempt: number, res: SdkResponse): void {
    const ops = (Array.isArray(res.body) ? res.body : [res.body]) as Op[];
    const unknown = ops.find((op) => !op || typeof op !== "object" || !isKnownOpcode(op.op));
    if (unknown) {
      const name = unknown && typeof unknown === "object" ? String(unknown.op) : JSON.stringify(unknown);
      const message = `inngest-local does not support opcode "${name}" returned by function ${this.fn.id}`;
      return this.finish("failed", undefined, { name: "UnsupportedOpcodeError", message });
    }
    if (ops.length > 1) this.disableImmediate = true;
    let progressed = false;
    for (const op of ops) {
      if (this.done) return;
      switch (op.op) {
        case "RunComplete":
          return this.finish("completed", op.data ?? null);
        case "StepRun":
          progressed = this.store(op.id, { type: "data", data: op.data ?? null }) || progressed;
          break;
        case "StepFailed":
          progressed = this.store(op.id, { type: "error", error: op.error ?? null }) || progressed;
          break;
        case "StepError":
          if (!this.isTracked(op.id)) progressed = this.retryStep(op, attempt, res) || progressed;
          break;
        case "StepPlanned":
          if (!this.isTracked(op.id)) {
            this.inflight.add(op.id);
            this.callInBackground(op.id);
          }
          break;
        default:
          this.park(op);
      }
    }
    if (progressed) this.discover();
  }

  /** A retriable step failure: call that step again after backoff. Returns true if it was stored as final instead. */
  private retryStep(op: Op, attempt: number, res: SdkResponse): boolean {
    const next = attempt + 1;
    if (next >= this.fn.maxAttempts) return this.store(op.id, { type: "error", error: op.error ?? null });
    this.attempts.set(op.id, next);
    this.inflight.add(op.id);
    this.retryLater(op.id, delayFor(res, this.host.backoffMs(next)));
    return false;
  }

  private retryLater(key: string, ms: number): void {
    if (key === DISCOVERY) this.discovering = true;
    else this.inflight.add(key);
    this.host.setTimer(ms, () => this.callInBackground(key));
  }

  private park(op: Op): void {
    if (this.isTracked(op.id)) return;
    this.parked.set(op.id, () => undefined);
    const cancel = this.host.park(this, op, (result) => {
      // Resolve on a fresh tick so a synchronous resolve can't re-enter handleOps.
      queueMicrotask(() => {
        if (this.done || !this.parked.delete(op.id)) return;
        this.store(op.id, result);
        this.wake(true);
      });
    });
    if (this.parked.has(op.id)) this.parked.set(op.id, cancel);
  }

  private isTracked(id: string): boolean {
    return id in this.steps || this.inflight.has(id) || this.parked.has(id);
  }

  private store(id: string, result: StepResult): boolean {
    if (id in this.steps) return false;
    this.steps[id] = result;
    this.stack.push(id);
    return true;
  }

  /** With nothing in flight: free the concurrency slot while parked, or fail a run the SDK left with no work. */
  private checkQuiescent(): void {
    if (this.done || this.discovering || this.inflight.size > 0 || this.waitingSlot) return;
    if (this.parked.size === 0) {
      return this.finish("failed", undefined, {
        name: "Error",
        message: `run stalled: function ${this.fn.id} returned no further work`,
      });
    }
    if (this.holdsSlot) {
      this.holdsSlot = false;
      this.host.releaseSlot(this);
    }
  }

  private finish(status: "completed" | "failed" | "cancelled", output?: unknown, error?: SerializedError): void {
    if (this.done) return;
    this.done = true;
    this.cancelWait?.();
    for (const cancel of this.parked.values()) cancel();
    this.parked.clear();
    this.record.status = status;
    this.record.endedAt = Date.now();
    if (status === "completed") this.record.output = output;
    if (error) this.record.error = error;
    this.host.finished(this);
  }
}

/** Honour a Retry-After header (seconds or HTTP date) from RetryAfterError. */
function delayFor(res: SdkResponse | undefined, fallback: number): number {
  const value = res?.header("retry-after");
  if (!value) return fallback;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? fallback : Math.max(0, at - Date.now());
}

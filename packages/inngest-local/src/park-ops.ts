import type { CompiledFunction } from "./compile-function.ts";
import { parseDurationMs, sleepDelayMs } from "./duration.ts";
import type { Op, StepResult } from "./protocol.ts";
import type { RunDriver } from "./run-driver.ts";
import type { InngestEvent } from "./types.ts";
import { ulid } from "./ulid.ts";
import type { WaitRegistry } from "./wait-registry.ts";

export interface ParkContext {
  setTimer(ms: number, fn: () => void): () => void;
  waits: WaitRegistry;
  lookup(functionId: string): CompiledFunction | undefined;
  /** Start a child run; `onDone` receives its final result. */
  startChild(fn: CompiledFunction, event: InngestEvent, onDone: (result: StepResult) => void): void;
}

const noop = (): void => undefined;

type Resolve = (result: StepResult) => void;

/** Begin a Sleep, WaitForEvent or InvokeFunction op; returns a cancel function. */
export function parkOp(ctx: ParkContext, driver: RunDriver, op: Op, resolve: Resolve): () => void {
  if (op.op === "Sleep") return parkSleep(ctx, op, resolve);
  if (op.op === "WaitForEvent") return parkWaitForEvent(ctx, driver, op, resolve);
  if (op.op === "InvokeFunction") return parkInvoke(ctx, op, resolve);
  return failOp(resolve, `inngest-local cannot park opcode "${op.op}"`);
}

function failOp(resolve: Resolve, message: string): () => void {
  resolve({ type: "error", error: { name: "Error", message } });
  return noop;
}

/** An op option as text: absent is empty, a structured value is its JSON. */
function optionText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value) ?? "";
}

function parkSleep(ctx: ParkContext, op: Op, resolve: Resolve): () => void {
  let delay: number;
  try {
    delay = sleepDelayMs(op.name ?? "", Date.now());
  } catch (err) {
    return failOp(resolve, `step.sleep: ${(err as Error).message}`);
  }
  return ctx.setTimer(delay, () => resolve({ type: "data", data: null }));
}

function parkWaitForEvent(ctx: ParkContext, driver: RunDriver, op: Op, resolve: Resolve): () => void {
  const opts = op.opts ?? {};
  // v4 puts the awaited event name in `name`; older SDKs used `opts.event`.
  const eventName = typeof opts.event === "string" ? opts.event : op.name;
  if (!eventName) return failOp(resolve, "step.waitForEvent: no event name in the op");
  let timeoutMs: number;
  let cancelWait: () => void;
  try {
    timeoutMs = parseDurationMs(optionText(opts.timeout));
    const condition = typeof opts.if === "string" ? opts.if : undefined;
    cancelWait = ctx.waits.add(eventName, condition, driver.event, (event) => {
      cancelTimer();
      resolve({ type: "data", data: event });
    });
  } catch (err) {
    return failOp(resolve, `step.waitForEvent: ${(err as Error).message}`);
  }
  const cancelTimer = ctx.setTimer(timeoutMs, () => {
    cancelWait();
    resolve({ type: "data", data: null });
  });
  return () => {
    cancelWait();
    cancelTimer();
  };
}

function parkInvoke(ctx: ParkContext, op: Op, resolve: Resolve): () => void {
  const opts = op.opts ?? {};
  const functionId = optionText(opts.function_id);
  const target = ctx.lookup(functionId);
  if (!target) return failOp(resolve, `step.invoke: function "${functionId}" is not registered with inngest-local`);
  let timeoutMs: number | undefined;
  if (typeof opts.timeout === "string" && opts.timeout) {
    try {
      timeoutMs = parseDurationMs(opts.timeout);
    } catch (err) {
      return failOp(resolve, `step.invoke: ${(err as Error).message}`);
    }
  }
  let settled = false;
  const settle = (result: StepResult): void => {
    if (settled) return;
    settled = true;
    cancelTimer();
    resolve(result);
  };
  let cancelTimer = noop;
  if (timeoutMs !== undefined) cancelTimer = ctx.setTimer(timeoutMs, () => settle(invokeTimeout(functionId)));
  ctx.startChild(target, invokedEvent(opts.payload), settle);
  // The child keeps running if the parent goes away, as in Inngest.
  return () => {
    settled = true;
    cancelTimer();
  };
}

function invokeTimeout(functionId: string): StepResult {
  return {
    type: "error",
    error: {
      name: "InngestInvokeTimeoutError",
      message: `Timed out waiting for invoked function ${functionId} to complete`,
    },
  };
}

function invokedEvent(rawPayload: unknown): InngestEvent {
  const payload = (rawPayload ?? {}) as { data?: unknown; v?: string };
  const event: InngestEvent = {
    name: "inngest/function.invoked",
    data: payload.data ?? {},
    id: ulid(),
    ts: Date.now(),
  };
  if (payload.v !== undefined) event.v = payload.v;
  return event;
}

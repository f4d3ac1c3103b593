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

/** Begin a Sleep, WaitForEvent or InvokeFunction op; returns a cancel function. */
export function parkOp(ctx: ParkContext, driver: RunDriver, op: Op, resolve: (result: StepResult) => void): () => void {
  const fail = (message: string): (() => void) => {
    resolve({ type: "error", error: { name: "Error", message } });
    return noop;
  };
  const opts = op.opts ?? {};
  if (op.op === "Sleep") {
    let delay: number;
    try {
      delay = sleepDelayMs(op.name ?? "", Date.now());
    } catch (err) {
      return fail(`step.sleep: ${(err as Error).message}`);
    }
    return ctx.setTimer(delay, () => resolve({ type: "data", data: null }));
  }

  if (op.op === "WaitForEvent") {
    // v4 puts the awaited event name in `name`; older SDKs used `opts.event`.
    const eventName = typeof opts.event === "string" ? opts.event : op.name;
    if (!eventName) return fail("step.waitForEvent: no event name in the op");
    let timeoutMs: number;
    let cancelWait: () => void;
    try {
      timeoutMs = parseDurationMs(String(opts.timeout ?? ""));
      const condition = typeof opts.if === "string" ? opts.if : undefined;
      cancelWait = ctx.waits.add(eventName, condition, driver.event, (event) => {
        cancelTimer();
        resolve({ type: "data", data: event });
      });
    } catch (err) {
      return fail(`step.waitForEvent: ${(err as Error).message}`);
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

  if (op.op === "InvokeFunction") {
    const functionId = String(opts.function_id ?? "");
    const target = ctx.lookup(functionId);
    if (!target) return fail(`step.invoke: function "${functionId}" is not registered with inngest-local`);
    const payload = (opts.payload ?? {}) as { data?: unknown; v?: string };
    let settled = false;
    const settle = (result: StepResult): void => {
      if (settled) return;
      settled = true;
      cancelTimer();
      resolve(result);
    };
    let cancelTimer = noop;
    if (typeof opts.timeout === "string" && opts.timeout) {
      let ms: number;
      try {
        ms = parseDurationMs(opts.timeout);
      } catch (err) {
        return fail(`step.invoke: ${(err as Error).message}`);
      }
      cancelTimer = ctx.setTimer(ms, () =>
        settle({
          type: "error",
          error: {
            name: "InngestInvokeTimeoutError",
            message: `Timed out waiting for invoked function ${functionId} to complete`,
          },
        }),
      );
    }
    const event: InngestEvent = {
      name: "inngest/function.invoked",
      data: payload.data ?? {},
      id: ulid(),
      ts: Date.now(),
    };
    if (payload.v !== undefined) event.v = payload.v;
    ctx.startChild(target, event, settle);
    // The child keeps running if the parent goes away, as in Inngest.
    return () => {
      settled = true;
      cancelTimer();
    };
  }

  return fail(`inngest-local cannot park opcode "${op.op}"`);
}

import type { SerializedError } from "./types.ts";

/** A memoized step result, as sent back to the SDK in `steps`. */
export type StepResult = { type: "data"; data: unknown } | { type: "error"; error: unknown };

/** One generator op from a 206 answer. */
export interface Op {
  op: string;
  id: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: unknown;
  opts?: Record<string, unknown>;
}

const KNOWN_OPCODES = new Set([
  "StepRun",
  "StepError",
  "StepFailed",
  "StepPlanned",
  "Sleep",
  "WaitForEvent",
  "InvokeFunction",
  "RunComplete",
]);

export function isKnownOpcode(op: unknown): boolean {
  return typeof op === "string" && KNOWN_OPCODES.has(op);
}

/** Normalize whatever failed (SDK error body, thrown error, HTML page) into a serialized error. */
export function toSerializedError(value: unknown, fallback: string): SerializedError {
  if (value instanceof Error) {
    // fetch() reports "fetch failed" and hides the useful part (ECONNREFUSED...) in `cause`.
    const cause = value.cause instanceof Error ? ` (${value.cause.message})` : "";
    return { name: value.name, message: value.message + cause, stack: value.stack };
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const message =
      typeof record.message === "string" ? record.message : typeof record.error === "string" ? record.error : undefined;
    if (message !== undefined)
      return { ...record, name: typeof record.name === "string" ? record.name : "Error", message };
  }
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return { name: "Error", message: text ? `${fallback}: ${text.slice(0, 500)}` : fallback };
}

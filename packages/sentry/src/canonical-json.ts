import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted at every level, so two serializations of the same content (other
 * key order, whitespace, `\u` escapes, `1000.0` vs `1000`) give the same text once parsed.
 *
 * `JSON.parse` accepts any nesting depth, and a signed body nested 10,000 levels deep must still
 * get its dedup key rather than overflow the call stack. Values up to {@link RECURSION_LIMIT}
 * levels (every real payload) take the fast path, key-sorted copy + `JSON.stringify`; deeper
 * ones are written by {@link canonicalJsonIterative}, which gives the same text at any depth.
 */
export function canonicalJson(value: unknown): string {
  try {
    return JSON.stringify(sortKeys(value, 0)) ?? "null";
  } catch (error) {
    if (error instanceof TooDeep) return canonicalJsonIterative(value);
    throw error;
  }
}

/** Deeper than this, {@link canonicalJson} stops recursing (V8's stack holds a few thousand frames). */
export const RECURSION_LIMIT = 256;

class TooDeep extends Error {}

function sortKeys(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth >= RECURSION_LIMIT) throw new TooDeep();
  if (Array.isArray(value)) return value.map((inner: unknown) => sortKeys(inner, depth + 1));
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner, depth + 1)]));
}

/**
 * The same text as {@link canonicalJson}, written with an explicit stack instead of recursion,
 * so any depth works (about 4× slower, hence only for the deep). It reproduces what
 * `JSON.stringify` does with the key-sorted copy — dedup keys already stored depend on it:
 * array-index keys (`"0"`, `"12"`) first in numeric order, as JavaScript enumerates them in any
 * object, then the other keys sorted by UTF-16 code units; `undefined`, functions and symbols
 * left out of objects and written `null` in arrays and at the top.
 */
export function canonicalJsonIterative(value: unknown): string {
  const out: string[] = [];
  // Work left to do, next on top: a value to write, literal text, or the end of an open container.
  const stack: Task[] = [{ value }];
  const open = new Set<object>();
  for (let task = stack.pop(); task !== undefined; task = stack.pop()) {
    if ("text" in task) {
      out.push(task.text);
      continue;
    }
    if ("close" in task) {
      open.delete(task.close);
      out.push(task.end);
      continue;
    }
    const current = task.value;
    if (current === null || typeof current !== "object") {
      out.push(omitted(current) ? "null" : JSON.stringify(current));
      continue;
    }
    if (open.has(current)) throw new TypeError("canonicalJson: the value contains a cycle");
    open.add(current);
    const parts: Task[] = [];
    if (Array.isArray(current)) {
      parts.push({ text: "[" });
      // Array.from visits holes too (as undefined, written null), as JSON.stringify does.
      Array.from(current as unknown[], (item, i) => {
        if (i > 0) parts.push({ text: "," });
        parts.push({ value: item });
      });
      parts.push({ close: current, end: "]" });
    } else {
      const record = current as Record<string, unknown>;
      parts.push({ text: "{" });
      orderedKeys(Object.keys(record).filter((key) => !omitted(record[key]))).forEach((key, i) => {
        parts.push({ text: `${i > 0 ? "," : ""}${JSON.stringify(key)}:` }, { value: record[key] });
      });
      parts.push({ close: current, end: "}" });
    }
    for (const part of parts.reverse()) stack.push(part);
  }
  return out.join("");
}

type Task = { value: unknown } | { text: string } | { close: object; end: string };

/** Values `JSON.stringify` leaves out of objects (and writes as `null` in arrays). */
const omitted = (value: unknown): boolean =>
  value === undefined || typeof value === "function" || typeof value === "symbol";

const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;
const isArrayIndex = (key: string): boolean => ARRAY_INDEX.test(key) && Number(key) < 2 ** 32 - 1;

/** Sorted keys in the order an object built from them enumerates: array indices first, numerically. */
function orderedKeys(keys: string[]): string[] {
  const indices = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  const names = keys.filter((key) => !isArrayIndex(key)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return indices.length === 0 ? names : [...indices, ...names];
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A short (128-bit) content hash of any JSON value; used inside dedup keys and ids. */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value)).slice(0, 32);
}

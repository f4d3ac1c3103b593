import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted at every level, so two serializations of the same content (other
 * key order, whitespace, `\u` escapes, `1000.0` vs `1000`) give the same text once parsed.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? "null";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner)]));
  }
  return value;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A short (128-bit) content hash of any JSON value; used inside dedup keys and ids. */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value)).slice(0, 32);
}

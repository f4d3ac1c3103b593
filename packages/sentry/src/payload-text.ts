/**
 * A loosely typed payload value (a tag value, a build number) as text; null when absent.
 * Strings stay as they are, numbers and booleans read as JavaScript writes them, and an
 * object or array (which Sentry does not send in these fields) as its JSON rather than
 * "[object Object]".
 */
export function payloadText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value);
}

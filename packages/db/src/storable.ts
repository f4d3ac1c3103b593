/**
 * What PostgreSQL can store. Sentry relays whatever the monitored app put in its errors, and
 * JSON may spell any UTF-16 code unit: `\u0000` and lone surrogates (`\ud800`) parse fine in
 * JavaScript but are refused by PostgreSQL — NUL in text and jsonb, a lone surrogate in jsonb
 * (in text the drivers quietly turn it into U+FFFD). Values that come from a delivery pass
 * through here once, where they are about to become rows, and every stored error text does too.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text with NUL and lone surrogates replaced by U+FFFD; anything else is kept as it was. */
export function storableText(text: string): string {
  return text.replaceAll("\0", "\uFFFD").replace(LONE_SURROGATE, "\uFFFD");
}

/**
 * A value with every string in it (object keys too) made storable; plain objects and arrays are
 * copied only where something changed, other objects (dates) are kept as they are.
 */
export function storableJson<T>(value: T): T {
  return storable(value) as T;
}

function storable(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (Array.isArray(value)) {
    const items: readonly unknown[] = value;
    let copy: unknown[] | null = null;
    for (let i = 0; i < items.length; i++) {
      const item = storable(items[i]);
      if (item !== items[i]) (copy ??= [...items])[i] = item;
    }
    return copy ?? items;
  }
  if (value === null || typeof value !== "object") return value;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, item]) => {
    const storedKey = storableText(key);
    const storedItem = storable(item);
    if (storedKey !== key || storedItem !== item) changed = true;
    return [storedKey, storedItem] as const;
  });
  return changed ? Object.fromEntries(entries) : value;
}

/** Stored error texts are read on the dashboard: one line, at most this long. */
export const MAX_ERROR_LENGTH = 300;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** An error text as it may be stored: storable, on one line, no email addresses, capped. */
export function storableError(text: string): string {
  const line = storableText(text).replace(/\s+/g, " ").trim().replace(EMAIL, "[email]");
  return line.length <= MAX_ERROR_LENGTH ? line : `${line.slice(0, MAX_ERROR_LENGTH - 1)}…`;
}

/** SQLSTATEs worth a word of their own; any other is reported by its code. */
const SQLSTATE_WORDS: Record<string, string> = {
  "22001": "a value is too long",
  "22003": "a number is out of range",
  "22007": "a date is malformed",
  "22008": "a date is out of range",
  "22021": "invalid byte sequence",
  "22P02": "a value has the wrong form",
  "22P05": "text the database cannot store",
  "23502": "a required value is missing",
  "23503": "a referenced row is missing",
  "23505": "a duplicate of a stored row",
  "23514": "a value breaks a check",
  "40001": "a concurrent change got in the way",
  "40P01": "a deadlock with another transaction",
  "54000": "a value is too large",
  "57014": "the statement was cancelled",
};

/**
 * What went wrong, in words of our own, short enough to store. A database error is named by its
 * SQLSTATE and never by its message: drivers quote the query's parameters there (drizzle puts
 * every one of them in `Failed query: … params: …`), and those are a payload's text — emails,
 * tokens. Any other error keeps its name and first line.
 */
export function describeError(error: unknown): string {
  const code = sqlState(error);
  if (code) return `the database refused it: ${SQLSTATE_WORDS[code] ?? "database error"} (${code})`;
  if (!(error instanceof Error)) return storableError(typeof error === "string" ? error : "unknown error");
  if (isQueryError(error)) return "the database refused it";
  const firstLine = error.message.split("\n", 1)[0] ?? "";
  return storableError(`${error.name}: ${firstLine}`);
}

// Classes are two digits, or one of the few lettered ones; Node's codes (EPIPE) are not SQLSTATEs.
const SQLSTATE = /^(?:[0-9]{2}|HV|P0|XX|F0)[0-9A-Z]{3}$/;

function sqlState(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && SQLSTATE.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

function isQueryError(error: Error): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    if (e.message.startsWith("Failed query:") || "query" in e || "params" in e) return true;
    e = e.cause;
  }
  return false;
}

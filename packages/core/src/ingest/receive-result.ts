/** What receiving a webhook (Sentry's or GitHub's) came to; the route maps it to HTTP. */
export type ReceiveResult =
  | { status: "stored"; deliveryId: string; ignored: boolean }
  | { status: "duplicate"; deliveryId: string }
  | { status: "rejected"; code: 400 | 401 | 413; error: string }
  | { status: "unavailable"; error: string };

export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * Deepest JSON nesting accepted. Sentry's and GitHub's payloads nest a few dozen levels at most;
 * `JSON.parse` would take any depth, but much of what reads a payload afterwards recurses.
 */
export const MAX_JSON_DEPTH = 512;

export function reject(code: 400 | 401 | 413, error: string): ReceiveResult {
  return { status: "rejected", code, error };
}

export function unavailable(): ReceiveResult {
  return { status: "unavailable", error: "database unavailable; the delivery was not stored, retry later" };
}

const PLAIN_NAME = /^[\x21-\x7e]{1,64}$/;

/** A resource, event or action name we store and show: 1–64 printable ASCII characters, no spaces. */
export const isPlainName = (value: string): boolean => PLAIN_NAME.test(value);

/**
 * The request headers worth keeping with a stored delivery. Their values need no cleaning for
 * text or jsonb: `Headers` holds byte strings (U+0000–U+00FF, so no surrogates) and refuses NUL,
 * CR and LF.
 */
export function pickHeaders(headers: Headers, names: readonly string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return kept;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A verified body as text and JSON, or the 400 that says why it is neither. */
export function parseBody(
  rawBody: Uint8Array,
): { status: "parsed"; text: string; json: unknown } | { status: "rejected"; result: ReceiveResult } {
  let text: string;
  try {
    text = utf8.decode(rawBody);
  } catch {
    return { status: "rejected", result: reject(400, "body is not valid UTF-8") };
  }
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    return { status: "rejected", result: reject(400, `body nests JSON deeper than ${MAX_JSON_DEPTH} levels`) };
  }
  try {
    return { status: "parsed", text, json: JSON.parse(text) as unknown };
  } catch (error) {
    return { status: "rejected", result: reject(400, `body is not valid JSON: ${(error as Error).message}`) };
  }
}

/** True when brackets outside strings open more than `limit` levels; checked before parsing. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

const HEADER_LABELS = {
  id: ["request-id", "x-github-delivery"],
  resource: ["sentry-hook-resource", "x-github-event"],
} as const;

/**
 * One log line's worth about a delivery that could not be stored: its id and resource (from
 * Sentry's or GitHub's headers) and a short reason. Never the body, the other headers or the
 * signature: a database error carries the whole INSERT with its parameters, and payloads hold
 * user data.
 */
export function describeReceiveFailure(headers: Headers, error: unknown): string {
  const header = (names: readonly string[]): string =>
    logSafe(names.map((n) => headers.get(n)).find((v) => v) ?? "-", 64);
  return `delivery ${header(HEADER_LABELS.id)} (${header(HEADER_LABELS.resource)}) not stored: ${failureReason(error)}`;
}

/**
 * The innermost error's name, code and first line, at most 160 characters, plus where it was
 * thrown. Drizzle's "Failed query: … params: …" wrapper is skipped for its cause.
 */
export function failureReason(error: unknown): string {
  let innermost: unknown = error;
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    innermost = e;
    e = (e as { cause?: unknown }).cause;
  }
  if (!(innermost instanceof Error)) return logSafe(`non-error thrown (${typeof innermost})`, 160);
  const code = (innermost as { code?: unknown }).code;
  const message = innermost.message.startsWith("Failed query:")
    ? "query failed"
    : (innermost.message.split("\n")[0] ?? "");
  const where = /\n\s+at (.*)/.exec(innermost.stack ?? "")?.[1];
  const reason = `${logSafe(innermost.name, 40)}${typeof code === "string" || typeof code === "number" ? ` ${code}` : ""}: ${logSafe(message, 160)}`;
  return where ? `${reason} (at ${logSafe(where, 200)})` : reason;
}

/** Printable ASCII only (anything else as `?`), cut to `max` characters: one clean log line. */
function logSafe(text: string, max: number): string {
  const clean = text.replace(/[^\x20-\x7e]/g, "?");
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

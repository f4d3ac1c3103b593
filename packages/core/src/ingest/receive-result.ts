/** What receiving a webhook (Sentry's or GitHub's) came to; the route maps it to HTTP. */
export type ReceiveResult =
  | { status: "stored"; deliveryId: string; ignored: boolean }
  | { status: "duplicate"; deliveryId: string }
  | { status: "rejected"; code: 400 | 401 | 413; error: string }
  | { status: "unavailable"; error: string };

export const MAX_BODY_BYTES = 1024 * 1024;

export function reject(code: 400 | 401 | 413, error: string): ReceiveResult {
  return { status: "rejected", code, error };
}

export function unavailable(): ReceiveResult {
  return { status: "unavailable", error: "database unavailable; the delivery was not stored, retry later" };
}

/** The request headers worth keeping with a stored delivery. */
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
export function parseBody(rawBody: Uint8Array): { ok: true; text: string; json: unknown } | { ok: false; result: ReceiveResult } {
  let text: string;
  try {
    text = utf8.decode(rawBody);
  } catch {
    return { ok: false, result: reject(400, "body is not valid UTF-8") };
  }
  try {
    return { ok: true, text, json: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, result: reject(400, `body is not valid JSON: ${(error as Error).message}`) };
  }
}

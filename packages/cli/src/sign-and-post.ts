import { deliveryHeaders } from "@suture/sentry";

export interface PostResult {
  status: number;
  body: unknown;
  ms: number;
}

/** Posts a body exactly as Sentry does: same headers, fresh Request-ID and timestamp. */
export async function signAndPost(
  url: string,
  resource: string,
  body: Uint8Array,
  secret: string,
): Promise<PostResult> {
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: deliveryHeaders(resource, body, secret),
    body: Buffer.from(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text: a non-JSON answer is itself worth showing
  }
  return { status: response.status, body: parsed, ms: performance.now() - started };
}

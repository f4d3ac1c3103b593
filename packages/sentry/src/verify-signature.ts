import { createHmac, timingSafeEqual } from "node:crypto";

// Sentry signs with hex(HMAC-SHA256): 32 bytes, 64 hex digits. Checking the shape first means a
// truncated or garbage header is rejected before any buffer comparison (timingSafeEqual throws
// on a length mismatch, and a verifier must never throw on attacker-controlled input).
const SIGNATURE = /^[0-9a-f]{64}$/;

/** Hex HMAC-SHA256 of the body under `secret`: the `Sentry-Hook-Signature` Sentry would send. */
export function signBody(rawBody: Uint8Array | string, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("hex");
}

/**
 * True when `signature` is the HMAC of `rawBody` under any of `secrets` (several secrets allow
 * rotation). The HMAC is taken over the bytes exactly as received: re-serializing the JSON would
 * change `\uXXXX` escapes and floats such as `1000.0` and break valid signatures.
 */
export function verifySignature(
  rawBody: Uint8Array,
  signature: string | null | undefined,
  secrets: readonly string[],
): boolean {
  if (typeof signature !== "string") return false;
  // Sentry sends lowercase hex; tolerate case and stray whitespace from proxies.
  const normalized = signature.trim().toLowerCase();
  if (!SIGNATURE.test(normalized)) return false;
  const given = Buffer.from(normalized, "hex");

  let matched = false;
  for (const secret of secrets) {
    // An empty key is a misconfiguration, and anyone can compute an HMAC under it.
    if (secret.length === 0) continue;
    const expected = createHmac("sha256", secret).update(rawBody).digest();
    // No early exit: every configured secret costs the same, whichever one matches.
    if (timingSafeEqual(expected, given)) matched = true;
  }
  return matched;
}

import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * The SDK verifies a signature over `canonicalize(JSON.parse(body)) + t` (RFC 8785-style
 * key ordering, via the `canonicalize` package), not over the raw bytes, so signed
 * bodies must be serialized exactly the way that package does it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object" || (value as { toJSON?: unknown }).toJSON != null) {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item === undefined || typeof item === "symbol" ? null : item)).join(",")}]`;
  }
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined || typeof item === "symbol") continue;
    members.push(`${JSON.stringify(key)}:${canonicalJson(item)}`);
  }
  return `{${members.join(",")}}`;
}

/** `x-inngest-signature` value for `body`; the HMAC key is the signing key minus its `signkey-<env>-` prefix. */
export function signatureHeader(body: string, signingKey: string, nowMs: number = Date.now()): string {
  const t = Math.round(nowMs / 1000).toString();
  const key = signingKey.replace(/^signkey-[\w]+-/, "");
  const s = createHmac("sha256", key)
    .update(body + t)
    .digest("hex");
  return `t=${t}&s=${s}`;
}

const KEY_PREFIX = /^signkey-[\w]+-/;

/** True for keys the SDK can hash: `signkey-<env>-` followed by an even number of hex digits. */
export function isSigningKey(signingKey: string): boolean {
  const bare = signingKey.replace(KEY_PREFIX, "");
  return bare.length > 0 && bare.length % 2 === 0 && /^[0-9a-f]+$/i.test(bare);
}

/**
 * What the SDK sends as `Authorization: Bearer …` when it registers with the server: the
 * prefix, then SHA-256 of the key's hex-decoded bytes (inngest's `hashSigningKey`).
 */
export function hashedSigningKey(signingKey: string): string {
  const prefix = KEY_PREFIX.exec(signingKey)?.[0] ?? "";
  return `${prefix}${createHash("sha256")
    .update(Buffer.from(signingKey.slice(prefix.length), "hex"))
    .digest("hex")}`;
}

/** Constant-time comparison of two strings (false for different lengths). */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

import { createHmac } from "node:crypto";

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
  const s = createHmac("sha256", key).update(body + t).digest("hex");
  return `t=${t}&s=${s}`;
}

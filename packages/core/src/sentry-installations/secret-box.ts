import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "../auth/auth-secret.ts";
import { env } from "../env.ts";

const PREFIX = "v1:";
const INFO = "suture sentry credentials v1";

let cachedKey: Buffer | undefined;

/**
 * The key stored credentials are sealed with: HKDF-SHA256 of SUTURE_ENCRYPTION_KEY when set,
 * else of the server's auth secret (generated into the data folder on the embedded defaults,
 * required with DATABASE_URL). Changing the secret it comes from makes stored tokens unreadable.
 */
function key(): Buffer {
  cachedKey ??= Buffer.from(hkdfSync("sha256", env.SUTURE_ENCRYPTION_KEY ?? authSecret(), "", INFO, 32));
  return cachedKey;
}

/** `v1:` + base64url(12-byte nonce ‖ ciphertext ‖ 16-byte tag), AES-256-GCM. */
export function sealSecret(plain: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), nonce);
  const sealed = Buffer.concat([nonce, cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return PREFIX + sealed.toString("base64url");
}

export type OpenedSecret = { status: "ok"; value: string } | { status: "unreadable"; error: string };

/**
 * A stored credential in the clear. A value without the `v1:` prefix is a legacy plaintext one
 * and is returned as it is; one that does not open (another key, tampered) says so, without
 * revealing any of it.
 */
export function openSecret(stored: string): OpenedSecret {
  if (!stored.startsWith(PREFIX)) return { status: "ok", value: stored };
  const sealed = Buffer.from(stored.slice(PREFIX.length), "base64url");
  if (sealed.length < 12 + 16) return { status: "unreadable", error: "the stored credential is truncated" };
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    const plain = Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
    return { status: "ok", value: plain.toString("utf8") };
  } catch {
    return {
      status: "unreadable",
      error:
        "the stored credential does not decrypt with this server's key (SUTURE_ENCRYPTION_KEY or the auth secret changed?)",
    };
  }
}

/** What a page may show of a secret: that it is set, and its last 4 characters. */
export function secretHint(plain: string): string {
  return plain.length > 8 ? `…${plain.slice(-4)}` : "set";
}

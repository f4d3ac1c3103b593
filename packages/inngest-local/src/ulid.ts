import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID (sortable, like Inngest's event and run ids) from a timestamp and 10 bytes of entropy. */
export function ulid(timeMs: number = Date.now(), entropy: Uint8Array = randomBytes(10)): string {
  let time = "";
  let t = Math.floor(timeMs);
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let bits = 0n;
  for (const byte of entropy.subarray(0, 10)) bits = (bits << 8n) | BigInt(byte);
  let rand = "";
  for (let i = 0; i < 16; i++) {
    rand = ALPHABET[Number(bits & 31n)] + rand;
    bits >>= 5n;
  }
  return time + rand;
}

/**
 * The SDK sends `x-inngest-event-id-seed: <millis>,<base64 entropy>` and reuses it when
 * it retries a send, so ids derived from it let a retried request be recognised as a
 * duplicate instead of starting every run twice.
 */
export function seededUlids(seed: string | null | undefined, count: number): string[] | undefined {
  if (!seed) return undefined;
  const [millisText, entropyText] = seed.split(",");
  const millis = Number(millisText);
  const entropy = Buffer.from(entropyText ?? "", "base64");
  if (!Number.isFinite(millis) || entropy.length < 10) return undefined;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = Uint8Array.from(entropy.subarray(0, 10));
    let carry = i;
    for (let j = 9; j >= 0 && carry > 0; j--) {
      const sum = (bytes[j] as number) + (carry & 0xff);
      bytes[j] = sum & 0xff;
      carry = (carry >>> 8) + (sum >> 8);
    }
    ids.push(ulid(millis, bytes));
  }
  return ids;
}

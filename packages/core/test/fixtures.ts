import { readFileSync } from "node:fs";
import { deliveryHeaders } from "@suture/sentry";
import { fixturePath, listFixtures } from "@suture/sentry/fixtures";

export const SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

export interface Delivery {
  name: string;
  resource: string;
  body: Uint8Array;
  headers: Headers;
}

/** A fixture as Sentry would deliver it: the bytes plus signed headers with a fresh Request-ID. */
export function delivery(name: string, body?: Uint8Array | string, secret = SECRET): Delivery {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : (body ?? readFileSync(fixturePath(name)));
  const resource = name.split(".")[0]!;
  return { name, resource, body: bytes, headers: sentryHeaders(resource, bytes, secret) };
}

export function sentryHeaders(resource: string, body: Uint8Array, secret = SECRET): Headers {
  return new Headers(deliveryHeaders(resource, body, secret));
}

export const fixtureNames = (): string[] => listFixtures();

/** The same content, re-serialized the way a retry might be: other key order, whitespace. */
export function reserialize(body: Uint8Array): string {
  const sortKeys = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sortKeys)
      : value && typeof value === "object"
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => b.localeCompare(a))
              .map(([k, v]) => [k, sortKeys(v)]),
          )
        : value;
  return JSON.stringify(sortKeys(JSON.parse(new TextDecoder().decode(body))), null, 1);
}

import { readFileSync } from "node:fs";
import { signBody } from "@suture/sentry";
import { fixturePath, listFixtures } from "@suture/sentry/fixtures";

export const SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

export const fixtures = (): string[] => listFixtures();

export function fixtureBody(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

/** Headers exactly as Sentry sends them, with a fresh Request-ID. */
export function signedHeaders(resource: string, body: Buffer | string, secret = SECRET): Record<string, string> {
  return {
    "content-type": "application/json",
    "request-id": crypto.randomUUID().replaceAll("-", ""),
    "sentry-hook-resource": resource,
    "sentry-hook-timestamp": String(Math.floor(Date.now() / 1000)),
    "sentry-hook-signature": signBody(body, secret),
    "user-agent": "sentry/25.6.0 (https://sentry.io)",
  };
}

export const resourceOf = (name: string): string => name.split(".")[0]!;

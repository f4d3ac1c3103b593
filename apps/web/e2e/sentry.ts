import { readFileSync } from "node:fs";
import { deliveryHeaders } from "@suture/sentry";
import { fixturePath, listFixtures } from "@suture/sentry/fixtures";

export const SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

export const fixtures = (): string[] => listFixtures();

export function fixtureBody(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

/** Headers exactly as Sentry sends them, with a fresh Request-ID. */
export function signedHeaders(resource: string, body: Buffer | string, secret = SECRET): Record<string, string> {
  return deliveryHeaders(resource, body, secret);
}

export const resourceOf = (name: string): string => name.split(".")[0]!;

// Helpers shared by this package's tests (not exported from the package).
import { readFileSync } from "node:fs";
import { fixturePath } from "./fixtures.ts";
import { parseEnvelope } from "./parse-envelope.ts";
import type { SentryEnvelope } from "./types.ts";

export const signatureVectors = JSON.parse(
  readFileSync(new URL("../fixtures/signatures.json", import.meta.url), "utf8"),
) as { client_secret: string; signatures: Record<string, string> };

export const SECRET = signatureVectors.client_secret;

export const fixtureBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(fixturePath(name)));
export const fixtureText = (name: string): string => readFileSync(fixturePath(name), "utf8");

/** `issue.created.json` → `issue`: the Sentry-Hook-Resource header Sentry sends with it. */
export const resourceOf = (name: string): string => name.split(".")[0]!;

export function toEnvelope(json: unknown): SentryEnvelope {
  const parsed = parseEnvelope(json);
  if (parsed.status === "invalid") throw new Error(parsed.error);
  return parsed.envelope;
}

export const fixtureEnvelope = (name: string): SentryEnvelope => toEnvelope(JSON.parse(fixtureText(name)));

/** A fixture's envelope with `data` changed by `edit` (on a deep copy). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into arbitrary payload fields
export function editedEnvelope(name: string, edit: (data: Record<string, any>) => void): SentryEnvelope {
  const json = JSON.parse(fixtureText(name));
  edit(json.data);
  return toEnvelope(json);
}

export function envelopeOf(
  action: string,
  data: Record<string, unknown>,
  installationUuid: string | null = "inst-1",
): SentryEnvelope {
  return { action, data, installationUuid, actor: { type: "application", id: "sentry", name: "Sentry" } };
}

/** The same content as a retry might carry it: keys in reverse order at every level, indented. */
export function reserialize(text: string): string {
  const reverseKeys = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(reverseKeys)
      : value !== null && typeof value === "object"
        ? Object.fromEntries(
            Object.entries(value)
              .reverse()
              .map(([key, inner]) => [key, reverseKeys(inner)]),
          )
        : value;
  return JSON.stringify(reverseKeys(JSON.parse(text)), null, 2);
}

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// Resolved on each call rather than at import, so bundling this package into a server (which may
// rewrite import.meta.url) cannot break anything that never asks for a fixture.
const webhooksDir = (): string => fileURLToPath(new URL("../fixtures/webhooks/", import.meta.url));

/** Absolute path of a webhook fixture, e.g. `fixturePath("error.created.json")` (`.json` optional). */
export function fixturePath(name: string): string {
  const file = name.endsWith(".json") ? name : `${name}.json`;
  return join(webhooksDir(), file);
}

/** The webhook fixture file names (`<resource>.<action>[.<variant>].json`), sorted. */
export function listFixtures(): string[] {
  return readdirSync(webhooksDir())
    .filter((name) => name.endsWith(".json"))
    .sort();
}

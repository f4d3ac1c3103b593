// What the scripted agents do, step by step, the way a coding agent would — only deterministic
// and instant. Each agent runs in the checkout (cwd) of the sample app.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const SECRETS = new Set([
  "GITHUB_TOKEN",
  "GH_TOKEN",
  "SENTRY_AUTH_TOKEN",
  "DATABASE_URL",
  "SLACK_WEBHOOK_URL",
  "GITHUB_WEBHOOK_SECRET",
  "SENTRY_CLIENT_SECRET",
]);
const BUGGY_LINE = "    total += item.product.price * item.quantity;\n";

/** Exit 3 naming (never printing) any secret the sandbox should have kept away. */
export function refuseSecrets() {
  const found = Object.keys(process.env).filter(
    (name) =>
      SECRETS.has(name) || (name.startsWith("SUTURE_") && name !== "SUTURE_PROMPT_FILE") || name.startsWith("INNGEST_"),
  );
  if (found.length === 0) return;
  process.stderr.write(`secret in environment: ${found.sort().join(", ")}\n`);
  process.exit(3);
}

/** Exit 4 unless the prompt points at the file the error happened in. */
export function requirePromptMention(path) {
  const file = process.env.SUTURE_PROMPT_FILE;
  const prompt = file ? readFileSync(file, "utf8") : "";
  if (prompt.includes(path)) return;
  process.stderr.write(`the prompt does not mention ${path}\n`);
  process.exit(4);
}

/** Replaces the crashing line of src/cart.js; exit 5 if the code is not the sample app's. */
export function patchCart(replacement) {
  const source = readFileSync("src/cart.js", "utf8");
  if (!source.includes(BUGGY_LINE)) {
    process.stderr.write("src/cart.js does not hold the expected code\n");
    process.exit(5);
  }
  writeFileSync("src/cart.js", source.replace(BUGGY_LINE, replacement));
}

export const GOOD_FIX = `    if (!item.product) continue; // a deleted product leaves its line behind\n${BUGGY_LINE}`;
// Handles the missing product but drops the quantity: the existing tests catch it.
export const BAD_FIX = "    total += item.product?.price ?? 0;\n";

export function addRegressionTest() {
  mkdirSync("test", { recursive: true });
  writeFileSync(
    "test/cart-missing-product.test.js",
    `import assert from "node:assert/strict";
import { test } from "node:test";
import { cartTotal } from "../src/cart.js";

test("a line whose product was deleted costs nothing", () => {
  assert.equal(cartTotal([{ product: { price: 4 }, quantity: 1 }, { product: undefined, quantity: 2 }]), 4);
});
`,
  );
}

export const SUMMARY = `Root cause: cartTotal read item.product.price without checking that the product still exists, so a cart line for a deleted product crashed with a TypeError.
Changed src/cart.js to skip such lines and added test/cart-missing-product.test.js as a regression test.
`;

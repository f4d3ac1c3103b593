#!/usr/bin/env node
// Fixes the crash, but its "regression test" covers a path that already worked: it passes without the fix.
import { GOOD_FIX, SUMMARY, patchCart, refuseSecrets, requirePromptMention } from "./steps.mjs";
import { mkdirSync, writeFileSync } from "node:fs";

refuseSecrets();
requirePromptMention("src/cart.js");
patchCart(GOOD_FIX);
mkdirSync("test", { recursive: true });
writeFileSync(
  "test/cart-total.test.js",
  `import assert from "node:assert/strict";
import { test } from "node:test";
import { cartTotal } from "../src/cart.js";

test("a cart of one line costs that line", () => {
  assert.equal(cartTotal([{ product: { price: 4 }, quantity: 2 }]), 8);
});
`,
);
process.stdout.write(SUMMARY);

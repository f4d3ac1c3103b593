#!/usr/bin/env node
// The well-behaved agent at a human pace: it says what it does, a line every half second, then
// makes the same fix as fix.mjs — long enough for a dashboard to show its log while it runs.
import { GOOD_FIX, SUMMARY, addRegressionTest, patchCart, refuseSecrets, requirePromptMention } from "./steps.mjs";

const say = async (line) => {
  process.stdout.write(`${line}\n`);
  await new Promise((resolve) => setTimeout(resolve, 500));
};

refuseSecrets();
requirePromptMention("src/cart.js");
await say("step 1/8: reading the prompt");
await say("step 2/8: opening src/cart.js");
await say("step 3/8: cartTotal reads item.product.price for every line");
await say("step 4/8: a deleted product leaves item.product undefined");
await say("step 5/8: skipping such lines in cartTotal");
patchCart(GOOD_FIX);
await say("step 6/8: adding test/cart-missing-product.test.js");
addRegressionTest();
await say("step 7/8: done editing");
await say("step 8/8: summary follows");
process.stdout.write(SUMMARY);

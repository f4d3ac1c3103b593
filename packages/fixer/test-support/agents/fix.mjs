#!/usr/bin/env node
// The well-behaved agent: checks its sandbox, fixes the crash minimally, adds a regression test.
import { GOOD_FIX, SUMMARY, addRegressionTest, patchCart, refuseSecrets, requirePromptMention } from "./steps.mjs";

refuseSecrets();
requirePromptMention("src/cart.js");
patchCart(GOOD_FIX);
addRegressionTest();
process.stdout.write(SUMMARY);

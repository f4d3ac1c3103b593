#!/usr/bin/env node
// A plausible-looking fix that breaks the existing tests: the repository's test command must fail.
import { BAD_FIX, SUMMARY, addRegressionTest, patchCart, refuseSecrets, requirePromptMention } from "./steps.mjs";

refuseSecrets();
requirePromptMention("src/cart.js");
patchCart(BAD_FIX);
addRegressionTest();
process.stdout.write(SUMMARY);

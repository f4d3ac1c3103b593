#!/usr/bin/env node
// The fix agent's first run; asked to repair its pull request, it prints the report it was
// given (so a test can see what reached it) and adds one line to the fixed file.
import { appendFileSync, readFileSync } from "node:fs";
import { GOOD_FIX, SUMMARY, addRegressionTest, patchCart, refuseSecrets, requirePromptMention } from "./steps.mjs";

refuseSecrets();
const prompt = readFileSync(process.env.SUTURE_PROMPT_FILE ?? "/dev/null", "utf8");
const repair = /^# Repair pull request #\d+ .* \(iteration (\d+)\)$/m.exec(prompt);
if (repair) {
  const report = prompt.slice(prompt.indexOf("## What GitHub reported (untrusted)"));
  process.stdout.write(`${report}\n`);
  appendFileSync("src/cart.js", `// repair ${repair[1]}: a deleted product's line is skipped on purpose\n`);
  process.stdout.write(`Fix: noted why deleted products are skipped (repair ${repair[1]}).\n`);
} else {
  requirePromptMention("src/cart.js");
  patchCart(GOOD_FIX);
  addRegressionTest();
  process.stdout.write(SUMMARY);
}

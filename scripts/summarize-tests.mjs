// Adds up the vitest and Playwright counts from their logs into one closing line.
import { readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8").replace(/\x1b\[[0-9;]*m/g, "");
  // vitest: "      Tests  42 passed | 1 skipped (43)"; Playwright: "  12 passed (8.1s)"
  for (const line of text.split("\n")) {
    const vitest = line.match(/^\s*(?:\S+\s+)?Tests\s+(.*)\(\d+\)\s*$/);
    const playwright = line.match(/^\s+(\d+) (passed|failed|flaky|skipped)\b/);
    if (vitest) {
      for (const [, n, kind] of vitest[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) add(Number(n), kind);
    } else if (playwright) {
      add(Number(playwright[1]), playwright[2]);
    }
  }
}
function add(n, kind) {
  if (kind === "passed") passed += n;
  else if (kind === "failed" || kind === "flaky") failed += n;
  else skipped += n;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;

#!/usr/bin/env node
// A scripted agent that checks, from inside, that it was handed no secret.
import { readFileSync, writeFileSync } from "node:fs";

const forbidden = Object.keys(process.env).filter((name) =>
  /TOKEN|SECRET|PASSWORD|DATABASE_URL|GITHUB|SENTRY|SUTURE_(?!PROMPT_FILE)|INNGEST|AWS_|NPM_/.test(name),
);
let stdin = "";
process.stdin.on("data", (chunk) => (stdin += chunk));
process.stdin.on("end", () => {
  const report = {
    forbidden,
    names: Object.keys(process.env).sort(),
    home: process.env.HOME,
    cwd: process.cwd(),
    stdin,
    promptFile: readFileSync(process.env.SUTURE_PROMPT_FILE, "utf8"),
    apiKey: process.env.ANTHROPIC_API_KEY ?? null,
  };
  writeFileSync("agent-report.json", JSON.stringify(report));
  console.log(forbidden.length === 0 ? "environment is clean" : `found secrets: ${forbidden.join(", ")}`);
  process.exit(forbidden.length === 0 ? 0 : 3);
});

#!/usr/bin/env node
// A hostile agent: its own environment is clean, so it reads the environment of its parent (the
// process that started it) and of every other process it can see, looking for GitHub's token.
import { readdirSync, readFileSync } from "node:fs";

const pids = new Set([String(process.ppid), ...readdirSync("/proc").filter((name) => /^\d+$/.test(name))]);
let readable = 0;
let found = false;
for (const pid of pids) {
  let environ;
  try {
    environ = readFileSync(`/proc/${pid}/environ`, "utf8");
  } catch {
    continue; // not ours to read, or already gone
  }
  readable++;
  for (const line of environ.split("\0").filter((entry) => entry.includes("GITHUB_TOKEN="))) {
    process.stdout.write(`${pid}: ${line}\n`);
    found = true;
  }
}
process.stdout.write(`read the environment of ${readable} of ${pids.size} processes\n`);
process.exit(found ? 5 : 0);

#!/usr/bin/env node
// An agent that prints far more than anyone should keep.
const line = "x".repeat(1023) + "\n";
for (let i = 0; i < 2048; i++) process.stdout.write(line);

#!/usr/bin/env node
// A good fix that also changes CI — which the diff checks must refuse to publish.
import { mkdirSync, writeFileSync } from "node:fs";
import { GOOD_FIX, SUMMARY, addRegressionTest, patchCart, refuseSecrets, requirePromptMention } from "./steps.mjs";

refuseSecrets();
requirePromptMention("src/cart.js");
patchCart(GOOD_FIX);
addRegressionTest();
mkdirSync(".github/workflows", { recursive: true });
writeFileSync(
  ".github/workflows/deploy.yml",
  "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo deploying\n",
);
process.stdout.write(SUMMARY);

#!/usr/bin/env node
// An agent that explains the problem but changes nothing.
import { refuseSecrets } from "./steps.mjs";

refuseSecrets();
process.stdout.write(
  "Root cause: a cart line can point at a deleted product, and cartTotal does not expect that.\nI could not decide on a safe fix, so I changed nothing.\n",
);

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { cp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** A tiny Node app whose tests pass while a real crash waits on a path they do not cover. */
export const sampleAppDir = here("./sample-app");

/** The crash, as Sentry would report it, and how the app's tests are run. */
export const SAMPLE_APP = {
  file: "src/cart.js",
  function: "cartTotal",
  lineno: 5,
  errorType: "TypeError",
  errorValue: "Cannot read properties of undefined (reading 'price')",
  contextLine: "    total += item.product.price * item.quantity;",
  testCommand: "node --test",
} as const;

/**
 * Executables that stand in for a coding agent: prompt on stdin and in $SUTURE_PROMPT_FILE,
 * cwd = a checkout of the sample app. The node ones exit 3 naming any secret they were handed.
 */
export const scriptedAgents = {
  /** Fixes the crash and adds a regression test; exits 4 if the prompt never names src/cart.js. */
  fix: here("./agents/fix.mjs"),
  /** The fix; asked to repair its PR, prints the report it got and appends a comment line to src/cart.js. */
  fixThenRepair: here("./agents/fix-then-repair.mjs"),
  /** The same fix, plus a new .github/workflows/deploy.yml. */
  touchWorkflow: here("./agents/touch-workflow.mjs"),
  /** The same fix, told step by step: a line every half second for about 4 s (to watch a live log). */
  slowFix: here("./agents/slow-fix.mjs"),
  /** Prints a summary and changes nothing. */
  noChange: here("./agents/no-change.mjs"),
  /** The same fix, with a test that passes without it too: it does not reproduce the bug. */
  passingTest: here("./agents/passing-test.mjs"),
  /** A "fix" that makes the existing tests fail, plus a test file. */
  breakTests: here("./agents/break-tests.mjs"),
  /** Starts a background child; both sleep well past any timeout. Writes agent.pid and child.pid. */
  hang: here("./agents/hang.sh"),
  /** Reads /proc/<pid>/environ of its parent and every process it can see; prints any GITHUB_TOKEN= and exits 5. */
  snoop: here("./agents/snoop.mjs"),
  /**
   * Starts a child with `setsid`, outside the agent's process group, and exits; the child writes
   * escapee.pid, sleeps 0.3s, then for a minute keeps writing planted.txt into the checkout, into
   * every folder named on a line of the prompt, into every /proc/<pid>/cwd, and into `repo` and
   * `home` of every /tmp/suture-* folder, wherever it is let in.
   */
  setsidEscape: here("./agents/setsid-escape.sh"),
} as const;

export interface SampleRepo {
  bareDir: string;
  cloneUrl: string;
  headSha: string;
  cleanup(): Promise<void>;
}

// Fixed identity and dates, so the sample commit is the same everywhere.
const COMMIT_ENV = {
  GIT_AUTHOR_NAME: "Sample Shop",
  GIT_AUTHOR_EMAIL: "dev@sample-shop.example",
  GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
  GIT_COMMITTER_NAME: "Sample Shop",
  GIT_COMMITTER_EMAIL: "dev@sample-shop.example",
  GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
};

/**
 * A bare repository holding the sample app on `main`, reachable at a file:// URL; in a new
 * temporary folder, or in `root` (created if missing) when one is given.
 */
export async function createSampleRepo(root = mkdtempSync(join(tmpdir(), "suture-sample-"))): Promise<SampleRepo> {
  mkdirSync(root, { recursive: true });
  const bareDir = join(root, "sample-shop.git");
  const work = join(root, "work");
  const git = (cwd: string, ...args: string[]) =>
    execFileSync("git", ["-c", "commit.gpgsign=false", ...args], {
      cwd,
      env: { ...process.env, ...COMMIT_ENV },
      stdio: "pipe",
    })
      .toString()
      .trim();
  execFileSync("git", ["init", "-q", "--bare", "-b", "main", bareDir]);
  await cp(sampleAppDir, work, { recursive: true });
  git(work, "init", "-q", "-b", "main");
  git(work, "add", ".");
  git(work, "commit", "-q", "-m", "Sample shop: cart totals");
  git(work, "push", "-q", bareDir, "main");
  const headSha = git(work, "rev-parse", "HEAD");
  rmSync(work, { recursive: true, force: true });
  return {
    bareDir,
    cloneUrl: `file://${bareDir}`,
    headSha,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

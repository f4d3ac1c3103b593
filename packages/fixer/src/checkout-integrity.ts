import { lstat } from "node:fs/promises";
import { join } from "node:path";
import { git } from "./git.ts";

// What `git init` and `git remote add` write. Anything else came from the agent or the tests:
// url.*.insteadOf, pushurl, include.path or credential.helper could send the token elsewhere, and
// filter.*.clean / diff.*.textconv (named by a .gitattributes) would run their code in our next
// `git add` or `git diff`.
const EXPECTED_CONFIG =
  /^(core\.(repositoryformatversion|filemode|bare|logallrefupdates|ignorecase|precomposeunicode|symlinks)|remote\.origin\.(url|fetch))$/;

/**
 * Whether Suture's own git commands may still run in a checkout the agent (or the repository's
 * tests) had their hands on: null if so, else the reason in plain words. Reading the config is
 * safe — no filter, hook or driver runs for `git config` — so call this before any other git
 * command after untrusted code ran.
 */
export async function checkoutIntegrity(dir: string): Promise<string | null> {
  // A .git file or symlink would point git at a repository (config, objects) of the agent's choosing.
  const gitDir = await lstat(join(dir, ".git")).catch(() => null);
  if (!gitDir) return "the checkout has no .git folder any more";
  if (!gitDir.isDirectory()) return "the checkout's .git was replaced by a file or link";
  const config = await git(["config", "--local", "--list", "--name-only"], { cwd: dir });
  if (!config.ok) return `the checkout's git config cannot be read: ${config.stderr}`;
  const unexpected = config.stdout.split("\n").filter((key) => key && !EXPECTED_CONFIG.test(key));
  if (unexpected.length > 0) return `the checkout's git config was changed (${unexpected.join(", ")})`;
  return null;
}

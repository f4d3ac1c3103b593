import { git, isSafeRef } from "./git.ts";

export interface PublishOptions {
  dir: string;
  /** The preferred name; `-2`, `-3`, … are tried when it is taken. */
  branch: string;
  message: string;
  /** Author and committer both: the bot, not whoever runs Suture. */
  author: { name: string; email: string };
  token?: string;
  /**
   * Where to push; defaults to the checkout's origin. Pass the URL it was cloned from when you
   * have it: the agent could have rewritten origin in .git/config to collect the token.
   */
  remoteUrl?: string;
}

export type PublishResult = { status: "pushed"; branch: string; sha: string } | { status: "failed"; error: string };

const MAX_NAMES = 20;

// What `git init` and `git remote add` write. Anything else came from the agent, and keys like
// url.*.insteadOf, pushurl, include.path or credential.helper could send the token elsewhere.
const EXPECTED_CONFIG = /^(core\.(repositoryformatversion|filemode|bare|logallrefupdates|ignorecase|precomposeunicode|symlinks)|remote\.origin\.(url|fetch))$/;

/**
 * Commits everything in the checkout as the bot and pushes it to a new branch, never onto an
 * existing one: the first free name of `branch`, `branch-2`, … is taken, and a push that loses a
 * race for a name (someone created it meanwhile) moves on to the next.
 */
export async function publishBranch(options: PublishOptions): Promise<PublishResult> {
  const { dir, branch, token } = options;
  if (!isSafeRef(branch)) return failed(`"${branch}" is not a valid branch name`);
  const config = await git(["config", "--local", "--list", "--name-only"], { cwd: dir });
  if (!config.ok) return failed(`not a git checkout: ${config.stderr}`);
  const unexpected = config.stdout.split("\n").filter((key) => key && !EXPECTED_CONFIG.test(key));
  if (unexpected.length > 0) return failed(`the checkout's git config was changed (${unexpected.join(", ")}); refusing to push from it`);
  const remoteUrl = options.remoteUrl ?? (await git(["config", "--get", "remote.origin.url"], { cwd: dir })).stdout.trim();
  if (!remoteUrl) return failed("the checkout has no origin to push to");
  const run = (args: string[], env?: Record<string, string>) => git(args, { cwd: dir, token, remoteUrl, env });

  const added = await run(["add", "-A"]);
  if (!added.ok) return failed(`could not stage the changes: ${added.stderr}`);
  if ((await run(["diff", "--cached", "--quiet"])).ok) return failed("there is nothing to commit");
  const { name, email } = options.author;
  const identity = { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email };
  const committed = await run(["-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", options.message], identity);
  if (!committed.ok) return failed(`could not commit: ${committed.stderr}`);
  const sha = (await run(["rev-parse", "HEAD"])).stdout.trim();

  const heads = await run(["ls-remote", "--heads", "--", remoteUrl]);
  if (!heads.ok) return failed(`could not list the remote's branches: ${heads.stderr}`);
  const taken = new Set(heads.stdout.split("\n").map((line) => line.split("\trefs/heads/")[1]).filter(Boolean));
  for (let n = 1; n <= MAX_NAMES; n++) {
    const candidate = n === 1 ? branch : `${branch}-${n}`;
    if (taken.has(candidate)) continue;
    const ref = `refs/heads/${candidate}`;
    // An empty lease means "only if the branch does not exist yet", so a race never overwrites.
    const pushed = await run(["push", "-q", "--no-verify", `--force-with-lease=${ref}:`, "--", remoteUrl, `HEAD:${ref}`]);
    if (pushed.ok) return { status: "pushed", branch: candidate, sha };
    if (!/\[rejected\]|stale info|failed to update ref|cannot lock ref/.test(pushed.stderr)) return failed(`could not push ${candidate}: ${pushed.stderr}`);
  }
  return failed(`${branch} and the next ${MAX_NAMES - 1} numbered names are all taken`);
}

function failed(error: string): PublishResult {
  return { status: "failed", error };
}

import { checkoutIntegrity } from "./checkout-integrity.ts";
import { git, isObjectId, isSafeRef } from "./git.ts";

export interface PublishOptions {
  /** The checkout: its object store holds `tree`. Nothing from its worktree is read. */
  dir: string;
  /** The tree `snapshotChanges` returned: exactly what was checked is what is pushed. */
  tree: string;
  /** The commit the checkout started from; the new commit's only parent. */
  baseSha: string;
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

/**
 * Commits the snapshot `tree` on top of `baseSha` as the bot and pushes that commit to a new
 * branch, never onto an existing one: the first free name of `branch`, `branch-2`, … is taken,
 * and a push that loses a race for a name (someone created it meanwhile) moves on to the next.
 */
export async function publishBranch(options: PublishOptions): Promise<PublishResult> {
  const { dir, branch, token, tree, baseSha } = options;
  if (!isSafeRef(branch)) return failed(`"${branch}" is not a valid branch name`);
  if (!isObjectId(tree) || !isObjectId(baseSha)) return failed("the tree and the base commit must be full object ids");
  const problem = await checkoutIntegrity(dir);
  if (problem) return failed(`${problem}; refusing to push from it`);
  const remoteUrl =
    options.remoteUrl ?? (await git(["config", "--get", "remote.origin.url"], { cwd: dir })).stdout.trim();
  if (!remoteUrl) return failed("the checkout has no origin to push to");
  const run = (args: string[], env?: Record<string, string>) => git(args, { cwd: dir, token, remoteUrl, env });

  const base = await run(["rev-parse", "--verify", "-q", `${baseSha}^{tree}`]);
  if (!base.ok) return failed(`the base commit ${baseSha} is not in the checkout`);
  if (base.stdout.trim() === tree) return failed("there is nothing to commit");
  const { name, email } = options.author;
  const identity = {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
  };
  const committed = await run(
    ["-c", "commit.gpgsign=false", "commit-tree", tree, "-p", baseSha, "-m", options.message],
    identity,
  );
  if (!committed.ok) return failed(`could not commit: ${committed.stderr}`);
  const sha = committed.stdout.trim();

  const heads = await run(["ls-remote", "--heads", "--", remoteUrl]);
  if (!heads.ok) return failed(`could not list the remote's branches: ${heads.stderr}`);
  const taken = new Set(
    heads.stdout
      .split("\n")
      .map((line) => line.split("\trefs/heads/")[1])
      .filter(Boolean),
  );
  for (let n = 1; n <= MAX_NAMES; n++) {
    const candidate = n === 1 ? branch : `${branch}-${n}`;
    if (taken.has(candidate)) continue;
    const ref = `refs/heads/${candidate}`;
    // An empty lease means "only if the branch does not exist yet", so a race never overwrites.
    const pushed = await run([
      "push",
      "-q",
      "--no-verify",
      `--force-with-lease=${ref}:`,
      "--",
      remoteUrl,
      `${sha}:${ref}`,
    ]);
    if (pushed.ok) return { status: "pushed", branch: candidate, sha };
    if (!/\[rejected\]|stale info|failed to update ref|cannot lock ref/.test(pushed.stderr))
      return failed(`could not push ${candidate}: ${pushed.stderr}`);
  }
  return failed(`${branch} and the next ${MAX_NAMES - 1} numbered names are all taken`);
}

function failed(error: string): PublishResult {
  return { status: "failed", error };
}

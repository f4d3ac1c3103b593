import { checkoutIntegrity } from "./checkout-integrity.ts";
import { git, isObjectId, isSafeRef } from "./git.ts";

export interface PushToBranchOptions {
  /** The checkout: its object store holds `tree` and `headSha`. Nothing from its worktree is read. */
  dir: string;
  /** The tree `snapshotChanges` returned: exactly what was checked is what is pushed. */
  tree: string;
  /** The branch's commit the checkout started from: the new commit's parent, and what the remote must still hold. */
  headSha: string;
  /** An existing branch (the pull request's head). */
  branch: string;
  message: string;
  author: { name: string; email: string };
  token?: string;
  /** Where to push: the URL the checkout was cloned from, never what its .git/config says now. */
  remoteUrl: string;
}

export type PushToBranchResult =
  { status: "pushed"; branch: string; sha: string } | { status: "failed"; error: string };

/**
 * Commits the snapshot `tree` on top of `headSha` as the bot and pushes it onto `branch` as a
 * fast-forward, only if the remote branch is still at `headSha`: a push someone made meanwhile
 * is never overwritten (the lease fails and nothing changes).
 */
export async function pushToBranch(options: PushToBranchOptions): Promise<PushToBranchResult> {
  const { dir, branch, token, tree, headSha, remoteUrl } = options;
  if (!isSafeRef(branch)) return failed(`"${branch}" is not a valid branch name`);
  if (!isObjectId(tree) || !isObjectId(headSha)) return failed("the tree and the head commit must be full object ids");
  const problem = await checkoutIntegrity(dir);
  if (problem) return failed(`${problem}; refusing to push from it`);
  const run = (args: string[], env?: Record<string, string>) => git(args, { cwd: dir, token, remoteUrl, env });

  const head = await run(["rev-parse", "--verify", "-q", `${headSha}^{tree}`]);
  if (!head.ok) return failed(`the head commit ${headSha} is not in the checkout`);
  if (head.stdout.trim() === tree) return failed("there is nothing to commit");
  const { name, email } = options.author;
  const committed = await run(
    ["-c", "commit.gpgsign=false", "commit-tree", tree, "-p", headSha, "-m", options.message],
    {
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email,
    },
  );
  if (!committed.ok) return failed(`could not commit: ${committed.stderr}`);
  const sha = committed.stdout.trim();
  const ref = `refs/heads/${branch}`;
  const pushed = await run([
    "push",
    "-q",
    "--no-verify",
    `--force-with-lease=${ref}:${headSha}`,
    "--",
    remoteUrl,
    `${sha}:${ref}`,
  ]);
  if (pushed.ok) return { status: "pushed", branch, sha };
  if (/\[rejected\]|stale info|failed to update ref|cannot lock ref/.test(pushed.stderr))
    return failed(`${branch} moved on since ${headSha.slice(0, 7)}; nothing was pushed`);
  return failed(`could not push ${branch}: ${pushed.stderr}`);
}

/** Adds one commit (no history) to a checkout's object store, e.g. the base a branch started from. */
export async function fetchCommit(
  dir: string,
  sha: string,
  { token, remoteUrl }: { token?: string; remoteUrl: string },
): Promise<{ ok: true } | { ok: false; error: string }> {
  if (!isObjectId(sha)) return { ok: false, error: `"${sha}" is not a full commit id` };
  const fetched = await git(["fetch", "-q", "--depth", "1", "--no-tags", "--", remoteUrl, sha], {
    cwd: dir,
    token,
    remoteUrl,
  });
  return fetched.ok ? { ok: true } : { ok: false, error: fetched.stderr.trim() || "git fetch failed" };
}

function failed(error: string): PushToBranchResult {
  return { status: "failed", error };
}

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkoutIntegrity } from "./checkout-integrity.ts";
import { git, isObjectId } from "./git.ts";
import { parseNumstat, type FileChange } from "./parse-numstat.ts";

export type SnapshotResult =
  { status: "ok"; tree: string; changes: FileChange[]; diff: string } | { status: "failed"; error: string };

/**
 * Freezes the checkout as it is now into a git tree and describes it against `baseSha`: the
 * tree is what `publishBranch` pushes, so the diff checks and the pushed commit see the same
 * bytes, whatever runs in the checkout in between (the repository's tests write files too).
 *
 * The worktree is staged like `git add -A` (ignored files stay out) into a private index seeded
 * from the base, so where HEAD points does not matter: an agent that ran `git commit` is
 * compared against the base all the same. The checkout's config is checked first; with it
 * unchanged, no filter or diff driver a .gitattributes names is defined, so none can run.
 */
export async function snapshotChanges(dir: string, baseSha: string): Promise<SnapshotResult> {
  if (!isObjectId(baseSha)) return failed(`"${baseSha}" is not a full commit id`);
  const problem = await checkoutIntegrity(dir);
  if (problem) return failed(`${problem}; refusing to read changes from it`);
  // The index lives outside the checkout, where the agent (or anything it left running) cannot touch it.
  const scratch = await mkdtemp(join(tmpdir(), "suture-index-"));
  try {
    const run = (args: string[]) => git(args, { cwd: dir, env: { GIT_INDEX_FILE: join(scratch, "index") } });
    const seeded = await run(["read-tree", `${baseSha}^{tree}`]);
    if (!seeded.ok) return failed(`could not read the base commit ${baseSha}: ${seeded.stderr}`);
    const added = await run(["add", "-A"]);
    if (!added.ok) return failed(`could not stage the checkout: ${added.stderr}`);
    const written = await run(["write-tree"]);
    if (!written.ok) return failed(`could not record the checkout: ${written.stderr}`);
    const tree = written.stdout.trim();

    const numstat = await run(["diff", "--numstat", "--no-renames", "-z", baseSha, tree]);
    if (!numstat.ok) return failed(`could not count the changes: ${numstat.stderr}`);
    // Plain text whatever the checkout asks for: no colour, and no external diff or textconv,
    // either of which would run a program.
    const patch = await run([
      "diff",
      "--no-renames",
      "--no-color",
      "--no-ext-diff",
      "--no-textconv",
      "--src-prefix=a/",
      "--dst-prefix=b/",
      baseSha,
      tree,
    ]);
    if (!patch.ok) return failed(`could not produce the diff: ${patch.stderr}`);
    return { status: "ok", tree, changes: parseNumstat(numstat.stdout), diff: patch.stdout };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function failed(error: string): SnapshotResult {
  return { status: "failed", error };
}

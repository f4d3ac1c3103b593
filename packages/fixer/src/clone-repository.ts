import { rm } from "node:fs/promises";
import { createCheckoutFolder } from "./gate.ts";
import { git, isSafeRef } from "./git.ts";

export interface CloneOptions {
  cloneUrl: string;
  /** The release's commit, or a branch or tag; null or absent means the default branch. */
  ref?: string | null;
  defaultBranch: string;
  token?: string;
}

export type CloneResult =
  | { status: "cloned"; dir: string; ref: string; sha: string; fellBack: boolean; note?: string }
  | { status: "failed"; error: string };

/**
 * A depth-1 checkout of exactly one commit in a fresh temp folder, HEAD detached. The code the
 * error happened in is wanted, so `ref` comes first; a release whose commit never reached the
 * remote falls back to the default branch, and says so. A failed clone leaves nothing behind.
 * The checkout is `repo` inside a folder only Suture can enter (see `runSandboxed`).
 */
export async function cloneRepository(options: CloneOptions): Promise<CloneResult> {
  const { gate, dir } = createCheckoutFolder();
  const result = await cloneInto(dir, options);
  if (result.status === "failed") await rm(gate, { recursive: true, force: true });
  return result;
}

async function cloneInto(dir: string, { cloneUrl, ref, defaultBranch, token }: CloneOptions): Promise<CloneResult> {
  const run = (args: string[]) => git(args, { cwd: dir, token, remoteUrl: cloneUrl });
  const init = await run(["init", "-q"]);
  const remote = init.ok ? await run(["remote", "add", "--", "origin", cloneUrl]) : init;
  if (!remote.ok) return { status: "failed", error: `could not set up a checkout: ${remote.stderr}` };
  if (!isSafeRef(defaultBranch))
    return { status: "failed", error: `the default branch "${defaultBranch}" is not a valid branch name` };

  let note: string | undefined;
  if (ref && ref !== defaultBranch) {
    const fetched = isSafeRef(ref) ? await fetchRef(run, ref) : { ok: false, stderr: "not a valid git ref" };
    if (fetched.ok) return checkout(run, dir, ref, false);
    note = `Could not fetch ${ref} (${firstLine(fetched.stderr)}), so the fix starts from ${defaultBranch} instead; the code may differ from the release that errored.`;
  }
  const fetched = await fetchRef(run, defaultBranch);
  if (!fetched.ok)
    return {
      status: "failed",
      error: `could not fetch ${defaultBranch} from ${redactUrl(cloneUrl)}: ${fetched.stderr}`,
    };
  return checkout(run, dir, defaultBranch, note !== undefined, note);
}

type Run = (args: string[]) => ReturnType<typeof git>;

function fetchRef(run: Run, ref: string) {
  // `--` so a ref can never be read as an option.
  return run(["fetch", "-q", "--depth", "1", "--no-tags", "--", "origin", ref]);
}

async function checkout(run: Run, dir: string, ref: string, fellBack: boolean, note?: string): Promise<CloneResult> {
  const switched = await run(["checkout", "-q", "--detach", "FETCH_HEAD"]);
  if (!switched.ok) return { status: "failed", error: `could not check out ${ref}: ${switched.stderr}` };
  const head = await run(["rev-parse", "HEAD"]);
  if (!head.ok) return { status: "failed", error: `could not read the checked-out commit: ${head.stderr}` };
  return { status: "cloned", dir, ref, sha: head.stdout.trim(), fellBack, ...(note ? { note } : {}) };
}

function firstLine(text: string): string {
  return (text.split("\n").find((line) => line.trim()) ?? "unknown error").replace(/^fatal: /, "").trim();
}

/** A URL may carry credentials of its own (user:pass@); those stay out of messages too. */
function redactUrl(url: string): string {
  return url.replace(/\/\/[^/@]*@/, "//[redacted]@");
}

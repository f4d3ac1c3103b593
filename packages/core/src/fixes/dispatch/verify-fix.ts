import { checkDiff, type FileChange } from "@suture/fixer";
import type { Checkout, FixJob, Snapshot } from "./fix-job.ts";
import { recordProof, runWithoutFix } from "./prove-regression-test.ts";
import { runRepositoryTests } from "./run-repository-tests.ts";

/**
 * Stage 3, verify: the diff against the workspace's rules, the repository's own tests on the fix
 * (green), then the agent's tests without the fix (red; a test that passes there fails the run
 * unless the policy allows it). In bubblewrap each run has its own network, /tmp and PIDs, so the
 * red run goes beside the green one, in a copy of the checkout; otherwise it follows it.
 */
export async function verify(
  job: FixJob,
  checkout: Checkout,
  snapshot: Snapshot,
): Promise<{ status: "verified"; tree: string } | { status: "failed"; reason: string }> {
  const { policy, agent } = job;
  if (snapshot.status === "failed") return { status: "failed", reason: snapshot.error };
  const changes = snapshot.changes;
  const checked = await checkSnapshot(job, changes);
  if (checked.status === "failed") return checked;
  const stop = new AbortController();
  const apart = agent.sandbox?.kind === "bwrap";
  const beside = apart ? runWithoutFix(job, checkout, changes, { apart, signal: stop.signal }) : null;
  try {
    const tests = await runRepositoryTests(job.fixRunId, job.repository.testCommand, checkout.dir, agent);
    if (tests?.status === "failed") return { status: "failed", reason: tests.reason };
    const proof = await recordProof(job, await (beside ?? runWithoutFix(job, checkout, changes)));
    if (proof.status === "failed") return proof;
    if (proof.status === "not_reproduced" && policy.requireReproducingTest)
      return { status: "failed", reason: proof.reason };
    return { status: "verified", tree: snapshot.tree };
  } finally {
    // A red run still going when green failed is not wanted; its copy is removed when it ends.
    stop.abort();
    await beside?.catch(() => undefined);
  }
}

/** The diff checks against the workspace's rules, recorded on the timeline with the rules they used. */
export async function checkSnapshot(
  job: Pick<FixJob, "policy" | "note">,
  changes: FileChange[],
): Promise<{ status: "allowed" } | { status: "failed"; reason: string }> {
  const { policy } = job;
  const verdict = checkDiff(changes, {
    maxFiles: policy.maxDiffFiles,
    maxLines: policy.maxDiffLines,
    pathDenylist: policy.pathDenylist,
    requireTest: policy.requireRegressionTest,
  });
  const paths = changes.map((c) => c.path);
  await job.note({
    kind: "checks",
    message:
      verdict.status === "allowed"
        ? `Diff checks passed: ${verdict.files} files, ${verdict.lines} lines`
        : `Diff refused: ${verdict.reason}`,
    data: {
      ok: verdict.status === "allowed",
      reason: verdict.status === "allowed" ? null : verdict.reason,
      paths,
      added: changes.reduce((n, c) => n + c.added, 0),
      removed: changes.reduce((n, c) => n + c.removed, 0),
      requireTest: policy.requireRegressionTest,
      protectedPatterns: policy.pathDenylist.length,
      maxFiles: policy.maxDiffFiles,
      maxLines: policy.maxDiffLines,
    },
  });
  return verdict.status === "refused" ? { status: "failed", reason: verdict.reason } : { status: "allowed" };
}

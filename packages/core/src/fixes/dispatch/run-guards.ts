import { type Db, type FixRun, getFixRun, latestFixRunEvent } from "@suture/db";

/**
 * What each dispatch step may act on, read from the database. A step never goes by an earlier
 * step's result: the executor hands those back with every call, so they are only as trustworthy
 * as whoever could call the serve endpoint. The run and its timeline are written by Suture alone.
 */
export type Guarded<R extends FixRun = FixRun> = { status: "allowed"; run: R } | { status: "refused"; reason: string };

const refuse = (reason: string) => ({ status: "refused", reason }) as const;
const state = (run: FixRun) => `the run is ${run.status.replaceAll("_", " ")}`;

/** A Suture run that `startFixRun` moved to running for the agent (not one handed to Seer). */
export async function runClaimedForAgent(db: Db, fixRunId: string): Promise<Guarded> {
  const run = await getFixRun(db, { id: fixRunId });
  if (!run) return refuse(`no fix run ${fixRunId}`);
  if (run.origin !== "suture") return refuse("Seer runs are dispatched by Seer");
  if (run.status !== "running") return refuse(state(run));
  if (run.seerRunId !== null) return refuse("the run was handed to Seer");
  // The claim and this entry are written in one transaction; a run claimed for Seer has none.
  if (!(await latestFixRunEvent(db, { fixRunId, kind: "started" })))
    return refuse("the run was not started for the agent");
  return { status: "allowed", run };
}

/** A running Suture run whose branch is the one Suture pushed and recorded. */
export async function runWithPushedBranch(db: Db, fixRunId: string): Promise<Guarded<FixRun & { branch: string }>> {
  const claimed = await runClaimedForAgent(db, fixRunId);
  if (claimed.status === "refused") return claimed;
  const { run } = claimed;
  const { branch } = run;
  if (!branch || !run.headSha) return refuse("the run has no pushed branch");
  const pushed = await latestFixRunEvent(db, { fixRunId, kind: "pushed" });
  if (pushed?.data.branch !== branch) return refuse("the run's branch was not pushed by Suture");
  return { status: "allowed", run: { ...run, branch } };
}

/** A Suture run whose open pull request Suture opened (not one Seer or a person linked). */
export async function runWithSuturePullRequest(
  db: Db,
  fixRunId: string,
): Promise<Guarded<FixRun & { prNumber: number; prUrl: string }>> {
  const run = await getFixRun(db, { id: fixRunId });
  if (!run) return refuse(`no fix run ${fixRunId}`);
  if (run.origin !== "suture") return refuse("Seer runs are announced by Seer");
  if (run.status !== "pr_open") return refuse(state(run));
  const { prNumber, prUrl } = run;
  if (!prNumber || !prUrl) return refuse("the run has no pull request");
  const opened = await latestFixRunEvent(db, { fixRunId, kind: "pr_opened" });
  if (opened?.data.number !== prNumber) return refuse("the run's pull request was not opened by Suture");
  return { status: "allowed", run: { ...run, prNumber, prUrl } };
}

import {
  appendFixRunEvent,
  type FixRun,
  type FixRunEventInput,
  getFixRun,
  getRepository,
  getWorkspacePolicy,
  latestFixRunEvent,
  releaseFixRunRepair,
} from "@suture/db";
import { cloneRepository, fetchCommit, pushToBranch, removeCheckout } from "@suture/fixer";
import { readFailedChecks, readRequestedChanges } from "@suture/github";
import { getDb } from "../../database.ts";
import { githubClient, NO_GITHUB_CREDENTIALS } from "../../clients/github-client.ts";
import { type AgentSettings, agentSettings } from "../dispatch/agent-settings.ts";
import type { Checkout, Db } from "../dispatch/fix-job.ts";
import { gitToken } from "../dispatch/git-token.ts";
import { BOT_AUTHOR } from "../dispatch/prepare-fix.ts";
import { runFixAgent } from "../dispatch/run-fix-agent.ts";
import { runRepositoryTests } from "../dispatch/run-repository-tests.ts";
import { checkSnapshot } from "../dispatch/verify-fix.ts";
import { buildRepairPrompt, type RepairPromptInput } from "./repair-prompt.ts";

export type RepairResult =
  | { status: "pushed"; iteration: number; sha: string }
  | { status: "failed"; iteration: number; reason: string }
  | { status: "skipped"; reason: string };

type ClaimedRun = FixRun & { branch: string; headSha: string; baseSha: string; prNumber: number };

interface RepairJob {
  db: Db;
  fixRunId: string;
  run: ClaimedRun;
  iteration: number;
  trigger: "checks" | "review";
  repository: NonNullable<Awaited<ReturnType<typeof getRepository>>>;
  policy: Awaited<ReturnType<typeof getWorkspacePolicy>>;
  agent: AgentSettings;
  token: string | undefined;
  note(event: FixRunEventInput): Promise<unknown>;
}

/**
 * One repair of an open fix PR: a fresh checkout of its branch at the head the repair was
 * claimed on, what GitHub reported (failing checks or requested changes) in the prompt, the
 * agent, the diff checks over the whole PR (against the run's base), the repository's tests,
 * and a commit pushed onto the same branch as a fast-forward. The red/green proof is not
 * repeated: the first run proved the regression test. Whatever happens, the claim is released.
 */
export async function repairFixRun(fixRunId: string, iteration: number, agent: AgentSettings): Promise<RepairResult> {
  const db = await getDb();
  const claimed = await claimedRepair(db, fixRunId, iteration);
  if ("reason" in claimed) return claimed;
  const job = await openRepairJob(db, claimed.run, iteration, claimed.trigger, agent);
  if ("reason" in job) return endRepair(fixRunId, iteration, job.reason);
  const checkout = await checkOutBranch(job);
  if ("reason" in checkout) return endRepair(fixRunId, iteration, checkout.reason);
  try {
    const prompt = await repairPrompt(job);
    const agentRun = await runFixAgent(job, checkout, prompt, { baseSha: job.run.baseSha, keepSummary: true });
    if (agentRun.status === "failed") return await endRepair(fixRunId, iteration, agentRun.reason);
    const { snapshot } = agentRun;
    if (snapshot.status === "failed") return await endRepair(fixRunId, iteration, snapshot.error);
    const checked = await checkSnapshot(job, snapshot.changes);
    if (checked.status === "failed") return await endRepair(fixRunId, iteration, checked.reason);
    const { testCommand } = job.repository;
    const tests = await runRepositoryTests(fixRunId, testCommand, checkout.dir, agent);
    if (tests?.status === "failed") return await endRepair(fixRunId, iteration, tests.reason);
    return await pushRepair(job, checkout, snapshot.tree);
  } finally {
    await removeCheckout(checkout.dir);
  }
}

/** repairFixRun with the agent this server is configured to run; a misconfiguration ends the repair. */
export async function repairWithServerAgent(fixRunId: string, iteration: number): Promise<RepairResult> {
  const agent = agentSettings();
  if (agent.status === "ok") return repairFixRun(fixRunId, iteration, agent.settings);
  return endRepair(fixRunId, iteration, agent.error);
}

/** The run, only while this iteration's claim holds it on the head it was claimed on. */
async function claimedRepair(
  db: Db,
  fixRunId: string,
  iteration: number,
): Promise<{ run: ClaimedRun; trigger: "checks" | "review" } | { status: "skipped"; reason: string }> {
  const run = await getFixRun(db, { id: fixRunId });
  const skip = (reason: string) => ({ status: "skipped", reason }) as const;
  if (!run) return skip(`no fix run ${fixRunId}`);
  if (run.iterations !== iteration || !run.repairStartedAt) return skip(`repair ${iteration} is not in progress`);
  const started = await latestFixRunEvent(db, { fixRunId, kind: "repair_started" });
  if (started?.data.iteration !== iteration) return skip(`repair ${iteration} was not requested`);
  const { branch, headSha, baseSha, prNumber } = run;
  if (run.status !== "pr_open" || !branch || !headSha || !baseSha || !prNumber || headSha !== run.repairHeadSha) {
    await endRepair(fixRunId, iteration, "the pull request is no longer open at the commit the repair was asked for");
    return skip("the run moved on");
  }
  return { run: { ...run, branch, headSha, baseSha, prNumber }, trigger: started.data.trigger };
}

async function openRepairJob(
  db: Db,
  run: ClaimedRun,
  iteration: number,
  trigger: "checks" | "review",
  agent: AgentSettings,
): Promise<RepairJob | { reason: string }> {
  const [repository, policy] = await Promise.all([
    run.repositoryId ? getRepository(db, { id: run.repositoryId }) : undefined,
    getWorkspacePolicy(db, { workspaceId: run.workspaceId }),
  ]);
  if (!repository) return { reason: "the run's repository no longer exists" };
  if (!githubClient()) return { reason: NO_GITHUB_CREDENTIALS };
  const note = (event: FixRunEventInput) => appendFixRunEvent(db, { fixRunId: run.id, event });
  const token = await gitToken(repository.cloneUrl);
  return { db, fixRunId: run.id, run, iteration, trigger, repository, policy, agent, token, note };
}

/** The PR's branch at the claimed head, with the run's base beside it for the whole-PR diff. */
async function checkOutBranch(job: RepairJob): Promise<Checkout | { reason: string }> {
  const { repository, run, token } = job;
  const checkout = await cloneRepository({
    cloneUrl: repository.cloneUrl,
    ref: run.branch,
    defaultBranch: repository.defaultBranch,
    token,
  });
  if (checkout.status === "failed") return { reason: `could not check out ${run.branch}: ${checkout.error}` };
  const moved = checkout.fellBack || checkout.sha !== run.headSha;
  const base = moved ? null : await fetchCommit(checkout.dir, run.baseSha, { token, remoteUrl: repository.cloneUrl });
  if (base?.ok) return checkout;
  await removeCheckout(checkout.dir);
  return {
    reason: moved
      ? `${run.branch} is no longer at ${run.headSha.slice(0, 7)}`
      : `could not fetch the base ${run.baseSha.slice(0, 7)}: ${base && !base.ok ? base.error : ""}`,
  };
}

async function repairPrompt(job: RepairJob): Promise<string> {
  const { repository, run, policy } = job;
  const client = githubClient();
  const where = { owner: repository.owner, repo: repository.name };
  let feedback: RepairPromptInput["feedback"];
  if (job.trigger === "checks")
    feedback = {
      trigger: "checks",
      checks: client ? await readFailedChecks(client, { ...where, ref: run.headSha }) : [],
    };
  else
    feedback = {
      trigger: "review",
      review: client ? await readRequestedChanges(client, { ...where, number: run.prNumber }) : null,
    };
  return buildRepairPrompt({
    repository: { owner: repository.owner, name: repository.name, testCommand: repository.testCommand },
    pullRequest: { number: run.prNumber, branch: run.branch },
    iteration: job.iteration,
    feedback,
    rules: { maxDiffFiles: policy.maxDiffFiles, maxDiffLines: policy.maxDiffLines, pathDenylist: policy.pathDenylist },
  });
}

/** The checked tree as one commit on the PR's branch, if the run still wants it and the branch has not moved. */
async function pushRepair(job: RepairJob, checkout: Checkout, tree: string): Promise<RepairResult> {
  const { db, fixRunId, iteration, run, repository } = job;
  const still = await getFixRun(db, { id: fixRunId });
  if (still?.status !== "pr_open" || still.iterations !== iteration || still.headSha !== run.headSha)
    return endRepair(fixRunId, iteration, "the pull request changed while the agent worked; nothing was pushed");
  const what = job.trigger === "checks" ? "the failing checks" : "the requested changes";
  const pushed = await pushToBranch({
    dir: checkout.dir,
    tree,
    headSha: run.headSha,
    branch: run.branch,
    message: `fix: address ${what} (repair ${iteration})\n\nSuture-Run-Id: ${fixRunId}`,
    author: BOT_AUTHOR,
    token: await gitToken(repository.cloneUrl),
    remoteUrl: repository.cloneUrl,
  });
  if (pushed.status === "failed") return endRepair(fixRunId, iteration, pushed.error);
  await db.transaction(async (tx) => {
    await releaseFixRunRepair(tx, { id: fixRunId, iteration, fields: { headSha: pushed.sha, checksState: null } });
    await appendFixRunEvent(tx, {
      fixRunId,
      event: {
        kind: "repair_pushed",
        message: `Repair ${iteration} pushed ${pushed.sha.slice(0, 7)} to ${pushed.branch}`,
        data: { iteration, branch: pushed.branch, sha: pushed.sha },
      },
    });
  });
  return { status: "pushed", iteration, sha: pushed.sha };
}

/** Releases the claim and says why the repair pushed nothing; the run and its PR stay as they were. */
export async function endRepair(fixRunId: string, iteration: number, reason: string): Promise<RepairResult> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const released = await releaseFixRunRepair(tx, { id: fixRunId, iteration });
    if (!released) return;
    await appendFixRunEvent(tx, {
      fixRunId,
      event: {
        kind: "repair_failed",
        message: `Repair ${iteration} pushed nothing: ${reason}`,
        data: { iteration, error: reason },
      },
    });
  });
  return { status: "failed", iteration, reason };
}

import {
  appendFixRunEvent,
  type FixRun,
  type FixRunEventInput,
  getRepository,
  getSentryIssue,
  getWorkspacePolicy,
  updateFixRun,
} from "@suture/db";
import { cloneRepository, findPublishedBranch, listFiles, publishBranch, removeCheckout } from "@suture/fixer";
import { getDb } from "../../database.ts";
import { githubClient, NO_GITHUB_CREDENTIALS } from "../../clients/github-client.ts";
import { buildPrompt } from "../build-prompt.ts";
import { mapFrames } from "../map-frames.ts";
import { type AgentSettings, agentSettings } from "./agent-settings.ts";
import { checkoutRef } from "./checkout-ref.ts";
import { deploymentContext, type DeploymentContext, errorDeployment } from "./deployment-context.ts";
import { failFixRun } from "./fail-fix-run.ts";
import { fixRunText } from "./fix-run-text.ts";
import { gatherFixContext } from "./gather-fix-context.ts";
import { gitToken } from "./git-token.ts";
import type { Checkout, Db, FixJob, Target } from "./fix-job.ts";
import { runFixAgent } from "./run-fix-agent.ts";
import { runClaimedForAgent } from "./run-guards.ts";
import { verify } from "./verify-fix.ts";

export const BOT_AUTHOR = { name: "Suture", email: "suture-bot@users.noreply.github.com" };

export type PrepareResult =
  | { status: "pushed"; branch: string; sha: string }
  | { status: "failed"; reason: string }
  /** The run is not one this step may work on; nothing was done and nothing changed. */
  | { status: "skipped"; reason: string };

/**
 * The agent's part of a run, in a checkout that exists only for this call: context, clone,
 * prompt, agent, checks, the repository's tests, push. Only a run claimed for the agent is
 * worked on, and the context is read here, from what Sentry delivered, never taken from a caller.
 * A retry after the push finds the branch on the run and does not push twice.
 */
export async function prepareFix(fixRunId: string, agent: AgentSettings): Promise<PrepareResult> {
  const db = await getDb();
  const claimed = await runClaimedForAgent(db, fixRunId);
  if (claimed.status === "refused") return { status: "skipped", reason: claimed.reason };
  const { run } = claimed;
  if (run.branch && run.headSha) return { status: "pushed", branch: run.branch, sha: run.headSha };
  const job = await openJob(db, fixRunId, run, agent);
  if ("status" in job) return job;
  const checkout = await checkOut(job);
  if (checkout.status === "failed") return fail(fixRunId, checkout.reason);
  try {
    // A retry after a push that was never recorded: adopt that branch instead of a second agent run.
    const target = {
      branch: `fix/sentry-${job.issue.shortId ?? job.issue.sentryIssueId}`,
      marker: `Suture-Run-Id: ${fixRunId}`,
    };
    const earlier = await findPublishedBranch({
      dir: checkout.dir,
      ...target,
      remoteUrl: job.repository.cloneUrl,
      token: job.token,
    });
    if (earlier) return recordPush(fixRunId, earlier, "Found the branch an earlier attempt pushed");
    await recordCheckout(job, checkout);
    const agentRun = await runFixAgent(job, checkout, await writePrompt(job, checkout));
    if (agentRun.status === "failed") return fail(fixRunId, agentRun.reason);
    const verified = await verify(job, checkout, agentRun.snapshot);
    if (verified.status === "failed") return fail(fixRunId, verified.reason);
    return await publish(job, checkout, verified.tree, target);
  } finally {
    await removeCheckout(checkout.dir);
  }
}

/** Loads what the run is about, and refuses before any work when something it needs is missing. */
async function openJob(db: Db, fixRunId: string, run: FixRun, agent: AgentSettings): Promise<FixJob | PrepareResult> {
  const [issue, repository, policy] = await Promise.all([
    getSentryIssue(db, { workspaceId: run.workspaceId, id: run.sentryIssueId }),
    run.repositoryId ? getRepository(db, { id: run.repositoryId }) : undefined,
    getWorkspacePolicy(db, { workspaceId: run.workspaceId }),
  ]);
  if (!issue || !repository) return fail(fixRunId, "the run's issue or repository no longer exists");
  // Found out before the agent spends twenty minutes, not after.
  if (!githubClient()) return fail(fixRunId, NO_GITHUB_CREDENTIALS);
  const note = (event: FixRunEventInput) => appendFixRunEvent(db, { fixRunId, event });
  const fix = await gatherFixContext(fixRunId);
  const deployment = await errorDeployment(db, run.workspaceId, fix.context);
  const token = await gitToken(repository.cloneUrl);
  return { db, fixRunId, run, issue, repository, policy, fix, deployment, agent, token, note };
}

/** Stage 1, checkout: a fresh clone at the release the error happened in, or the default branch. */
async function checkOut(job: FixJob): Promise<Checkout | { status: "failed"; reason: string }> {
  const { repository } = job;
  const release = job.fix.context?.release ?? null;
  const ref = await checkoutRef(job.run.workspaceId, release, job.deployment, repository.defaultBranch);
  const checkout = await cloneRepository({
    cloneUrl: repository.cloneUrl,
    ref,
    defaultBranch: repository.defaultBranch,
    token: job.token,
  });
  if (checkout.status !== "failed") return checkout;
  return { status: "failed", reason: `could not check out ${repository.owner}/${repository.name}: ${checkout.error}` };
}

async function recordCheckout(job: FixJob, checkout: Checkout): Promise<void> {
  await updateFixRun(job.db, { id: job.fixRunId, fields: { baseRef: checkout.ref, baseSha: checkout.sha } });
  await job.note({
    kind: "checkout",
    message: `Checked out ${checkout.ref} at ${checkout.sha.slice(0, 7)}${checkout.note ? ` (${checkout.note})` : ""}`,
    data: { ref: checkout.ref, sha: checkout.sha },
  });
}

async function writePrompt(job: FixJob, checkout: Checkout): Promise<string> {
  const { issue, repository, policy, fix } = job;
  const frames = mapFrames(fix.context?.frames ?? [], repository.codeMappings, await listFiles(checkout.dir));
  const mapped = [...new Set(frames.flatMap((f) => (f.path ? [f.path] : [])))];
  const deployment = job.deployment && deploymentContext(job.deployment, mapped);
  if (deployment) await noteDeployment(job, deployment);
  const prompt = buildPrompt({
    deployment: deployment ?? null,
    issue: { shortId: issue.shortId, title: issue.title, webUrl: issue.webUrl },
    context: fix.context,
    frames,
    repository: { owner: repository.owner, name: repository.name, testCommand: repository.testCommand },
    rules: {
      requireRegressionTest: policy.requireRegressionTest,
      maxDiffFiles: policy.maxDiffFiles,
      maxDiffLines: policy.maxDiffLines,
      pathDenylist: policy.pathDenylist,
    },
  });
  await job.note({
    kind: "prompt",
    message: mapped.length
      ? `The stack trace points at ${mapped.join(", ")}`
      : "No stack frame could be mapped to a file in the repository",
    data: { paths: mapped, promptBytes: prompt.length },
  });
  return prompt;
}

async function noteDeployment(job: FixJob, d: DeploymentContext): Promise<void> {
  const where = d.environment ? ` to ${d.environment}` : "";
  const suspects = d.suspects.length
    ? `; ${d.suspects.length} suspect commit${d.suspects.length === 1 ? "" : "s"} changed the stack's files`
    : "";
  await job.note({
    kind: "deployment",
    message: `The error's release ${d.release} was deployed${where} at ${d.deployedAt.toISOString()}${suspects}`,
    data: {
      deploymentId: d.deploymentId,
      release: d.release,
      environment: d.environment,
      commitSha: d.commitSha,
      compareUrl: d.compareUrl,
      commits: d.commits,
      suspects: d.suspects.map(({ sha, message, author, touched }) => ({ sha, message, author, touched })),
    },
  });
}

/** Stage 4, publish: exactly the checked tree, on the run's branch, if the run still wants it. */
async function publish(job: FixJob, checkout: Checkout, tree: string, target: Target): Promise<PrepareResult> {
  const { db, fixRunId, issue, repository } = job;
  // A run failed or expired while the agent worked is not published.
  const still = await runClaimedForAgent(db, fixRunId);
  if (still.status === "refused") return { status: "skipped", reason: `${still.reason}; nothing was pushed` };
  const text = await fixRunText(db, still.run);
  const message = `${text?.commitMessage ?? `fix: Sentry issue ${issue.sentryIssueId}`}\n${target.marker}`;
  // Exactly the checked tree: whatever the tests wrote afterwards is not in it.
  const pushed = await publishBranch({
    dir: checkout.dir,
    tree,
    baseSha: checkout.sha,
    branch: target.branch,
    message,
    author: BOT_AUTHOR,
    token: await gitToken(repository.cloneUrl),
    remoteUrl: repository.cloneUrl,
  });
  if (pushed.status === "failed") return fail(fixRunId, `could not push ${target.branch}: ${pushed.error}`);
  return recordPush(fixRunId, pushed, "Pushed");
}

/** prepareFix with the agent this server is configured to run; a misconfiguration fails the run. */
export async function prepareFixWithServerAgent(fixRunId: string): Promise<PrepareResult> {
  const agent = agentSettings();
  if (agent.status === "ok") return prepareFix(fixRunId, agent.settings);
  const claimed = await runClaimedForAgent(await getDb(), fixRunId);
  return claimed.status === "allowed" ? fail(fixRunId, agent.error) : { status: "skipped", reason: claimed.reason };
}

async function recordPush(
  fixRunId: string,
  pushed: { branch: string; sha: string },
  verb: string,
): Promise<PrepareResult> {
  const db = await getDb();
  await updateFixRun(db, { id: fixRunId, fields: { branch: pushed.branch, headSha: pushed.sha } });
  await appendFixRunEvent(db, {
    fixRunId,
    event: {
      kind: "pushed",
      message: `${verb} ${pushed.branch} (${pushed.sha.slice(0, 7)})`,
      data: pushed,
    },
  });
  return { status: "pushed", branch: pushed.branch, sha: pushed.sha };
}

async function fail(fixRunId: string, reason: string): Promise<PrepareResult> {
  await failFixRun(fixRunId, reason);
  return { status: "failed", reason };
}

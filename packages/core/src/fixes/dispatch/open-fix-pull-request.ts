import { appendFixRunEvent, type Db, getRepository, latestFixRunEvent, transitionFixRun } from "@suture/db";
import { type Octokit, openDraftPullRequest, requestCodeOwners } from "@suture/github";
import { getDb } from "../../database.ts";
import { githubClient, NO_GITHUB_CREDENTIALS } from "../../clients/github-client.ts";
import { failFixRun } from "./fail-fix-run.ts";
import { fixRunText } from "./fix-run-text.ts";
import { runWithPushedBranch, runWithSuturePullRequest } from "./run-guards.ts";

export type OpenPullRequestResult =
  | { status: "opened"; number: number; url: string }
  | { status: "failed"; reason: string }
  /** The run is not one this step may open a PR for; nothing was done and nothing changed. */
  | { status: "skipped"; reason: string };

/**
 * Opens the draft PR for a pushed fix, as Suture, with what the run recorded: the agent's root
 * cause, the checks, the tests. Everything that came from Sentry or the agent is scrubbed.
 * Only a running run whose branch Suture pushed gets one; a retry finds the PR it opened.
 */
export async function openFixPullRequest(fixRunId: string): Promise<OpenPullRequestResult> {
  const db = await getDb();
  const done = await runWithSuturePullRequest(db, fixRunId);
  if (done.status === "allowed") return { status: "opened", number: done.run.prNumber, url: done.run.prUrl };
  const pushed = await runWithPushedBranch(db, fixRunId);
  if (pushed.status === "refused") return { status: "skipped", reason: pushed.reason };
  const { run } = pushed;
  const repository = run.repositoryId ? await getRepository(db, { id: run.repositoryId }) : undefined;
  const text = await fixRunText(db, run);
  if (!text || !repository) return fail(fixRunId, "the run's issue or repository no longer exists");
  const octokit = githubClient();
  if (!octokit) return fail(fixRunId, NO_GITHUB_CREDENTIALS);

  const opened = await openDraftPullRequest(octokit, {
    owner: repository.owner,
    repo: repository.name,
    head: run.branch,
    base: repository.defaultBranch,
    title: text.title,
    body: text.body,
    labels: ["suture"],
  });
  if (opened.status === "failed") return fail(fixRunId, `GitHub refused the pull request: ${opened.error}`);

  await db.transaction(async (tx) => {
    await transitionFixRun(tx, {
      id: fixRunId,
      from: ["running"],
      to: "pr_open",
      fields: {
        prNumber: opened.number,
        prUrl: opened.url,
        prState: "draft",
        finishedAt: new Date(),
      },
    });
    await appendFixRunEvent(tx, {
      fixRunId,
      event: {
        kind: "pr_opened",
        message: `Opened draft PR #${opened.number}`,
        data: { number: opened.number, url: opened.url, labelError: opened.labelError ?? null },
      },
    });
  });
  const pr = { owner: repository.owner, repo: repository.name, number: opened.number, ref: run.branch };
  await requestReviewers(db, octokit, fixRunId, pr);
  return { status: "opened", number: opened.number, url: opened.url };
}

/** Reviews from the code owners of the changed files; a refusal is noted, never fails the run. */
async function requestReviewers(
  db: Db,
  octokit: Octokit,
  fixRunId: string,
  pr: { owner: string; repo: string; number: number; ref: string },
): Promise<void> {
  const checks = await latestFixRunEvent(db, { fixRunId, kind: "checks" });
  const asked = await requestCodeOwners(octokit, { ...pr, paths: checks?.data.paths ?? [] });
  const users = asked.status === "requested" ? asked.users : [];
  const teams = asked.status === "requested" ? asked.teams : [];
  const note =
    asked.status === "none" ? asked.reason : asked.status === "failed" ? `GitHub refused: ${asked.error}` : null;
  const named = [...users.map((u) => `@${u}`), ...teams.map((t) => `@${pr.owner}/${t}`)].join(", ");
  await appendFixRunEvent(db, {
    fixRunId,
    event: {
      kind: "reviewers",
      message: named ? `Requested reviews from ${named} (CODEOWNERS)` : `No reviewers requested: ${note}`,
      data: { users, teams, note },
    },
  });
}

async function fail(fixRunId: string, reason: string): Promise<OpenPullRequestResult> {
  await failFixRun(fixRunId, reason);
  return { status: "failed", reason };
}

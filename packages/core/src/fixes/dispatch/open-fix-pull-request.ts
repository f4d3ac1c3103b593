import { appendFixRunEvent, getRepository, transitionFixRun } from "@suture/db";
import { openDraftPullRequest } from "@suture/github";
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
  return { status: "opened", number: opened.number, url: opened.url };
}

async function fail(fixRunId: string, reason: string): Promise<OpenPullRequestResult> {
  await failFixRun(fixRunId, reason);
  return { status: "failed", reason };
}

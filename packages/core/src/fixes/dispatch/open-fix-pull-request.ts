import { appendFixRunEvent, getFixRun, getRepository, getSentryIssue, latestFixRunEvent, transitionFixRun } from "@suture/db";
import { openDraftPullRequest } from "@suture/github";
import { getDb } from "../../database.ts";
import { githubClient } from "../../github/github-client.ts";
import { pullRequestText } from "../pull-request-text.ts";
import { failFixRun } from "./fail-fix-run.ts";
import { fixRunUrl } from "./fix-run-url.ts";

export type OpenPullRequestResult = { status: "opened"; number: number; url: string } | { status: "failed"; reason: string };

/**
 * Opens the draft PR for a pushed fix, as Suture, with what the run recorded: the agent's root
 * cause, the checks, the tests. Everything that came from Sentry or the agent is scrubbed.
 */
export async function openFixPullRequest(fixRunId: string): Promise<OpenPullRequestResult> {
  const db = await getDb();
  const run = await getFixRun(db, fixRunId);
  if (!run?.branch) return { status: "failed", reason: "the run has no pushed branch" };
  if (run.prNumber && run.prUrl) return { status: "opened", number: run.prNumber, url: run.prUrl };
  const [issue, repository, checks, tests] = await Promise.all([
    getSentryIssue(db, run.sentryIssueId),
    run.repositoryId ? getRepository(db, run.repositoryId) : undefined,
    latestFixRunEvent(db, fixRunId, "checks"),
    latestFixRunEvent(db, fixRunId, "tests"),
  ]);
  if (!issue || !repository) return fail(fixRunId, "the run's issue or repository no longer exists");
  const octokit = githubClient();
  if (!octokit) return fail(fixRunId, "no GitHub credentials: set GITHUB_TOKEN, or GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY and GITHUB_APP_INSTALLATION_ID");

  const c = (checks?.data ?? {}) as { paths?: string[]; added?: number; removed?: number; requireTest?: boolean };
  const t = tests?.data as { command: string; ok: boolean; exitCode: number | null; durationMs: number; outputTail: string } | undefined;
  const text = pullRequestText({
    issue: { shortId: issue.shortId ?? issue.sentryIssueId, title: issue.title, webUrl: issue.webUrl, eventCount: issue.eventCount, userCount: issue.userCount, lastSeen: issue.lastSeen },
    summary: run.summary,
    checks: [
      { name: "Diff is not empty", ok: true, detail: `${c.paths?.length ?? 0} files` },
      { name: "No protected path", ok: true, detail: "CI, lockfiles and secrets untouched" },
      { name: "Within size limits", ok: true, detail: `+${c.added ?? 0} −${c.removed ?? 0} lines` },
      ...(c.requireTest ? [{ name: "Regression test", ok: true, detail: "a test file was added or changed" }] : []),
    ],
    tests: t ? { command: t.command, ok: t.ok, exitCode: t.exitCode, durationMs: t.durationMs, outputTail: t.outputTail } : null,
    diff: { files: c.paths?.length ?? 0, added: c.added ?? 0, removed: c.removed ?? 0, paths: c.paths ?? [] },
    runUrl: fixRunUrl(fixRunId),
  });
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
    await transitionFixRun(tx, fixRunId, ["running"], "pr_open", { prNumber: opened.number, prUrl: opened.url, prState: "draft", finishedAt: new Date() });
    await appendFixRunEvent(tx, fixRunId, { kind: "pr_opened", message: `Opened draft PR #${opened.number}`, data: { number: opened.number, url: opened.url, labelError: opened.labelError ?? null } });
  });
  return { status: "opened", number: opened.number, url: opened.url };
}

async function fail(fixRunId: string, reason: string): Promise<OpenPullRequestResult> {
  await failFixRun(fixRunId, reason);
  return { status: "failed", reason };
}

import { type Db, type FixRun, getSentryIssue, latestFixRunEvent } from "@suture/db";
import { pullRequestText } from "../pull-request-text.ts";
import { fixRunUrl } from "./fix-run-url.ts";

export type FixRunText = ReturnType<typeof pullRequestText>;

/**
 * The commit message, PR title and PR body of a run, from what its stages recorded (the agent's
 * summary, the diff checks, the tests), so a retried step writes the same words.
 */
export async function fixRunText(db: Db, run: FixRun): Promise<FixRunText | undefined> {
  const [issue, checks, tests] = await Promise.all([
    getSentryIssue(db, run.sentryIssueId),
    latestFixRunEvent(db, run.id, "checks"),
    latestFixRunEvent(db, run.id, "tests"),
  ]);
  if (!issue) return undefined;
  const c = (checks?.data ?? {}) as { paths?: string[]; added?: number; removed?: number; requireTest?: boolean };
  const t = tests?.data as { command: string; ok: boolean; exitCode: number | null; durationMs: number; outputTail: string } | undefined;
  return pullRequestText({
    issue: {
      shortId: issue.shortId ?? issue.sentryIssueId,
      title: issue.title,
      webUrl: issue.webUrl,
      eventCount: issue.eventCount,
      userCount: issue.userCount,
      lastSeen: issue.lastSeen,
    },
    summary: run.summary,
    checks: [
      { name: "Diff is not empty", ok: true, detail: `${c.paths?.length ?? 0} files` },
      { name: "No protected path", ok: true, detail: "CI, lockfiles and secrets untouched" },
      { name: "Within size limits", ok: true, detail: `+${c.added ?? 0} −${c.removed ?? 0} lines` },
      ...(c.requireTest ? [{ name: "Regression test", ok: true, detail: "a test file was added or changed" }] : []),
    ],
    tests: t ? { command: t.command, ok: t.ok, exitCode: t.exitCode, durationMs: t.durationMs, outputTail: t.outputTail } : null,
    diff: { files: c.paths?.length ?? 0, added: c.added ?? 0, removed: c.removed ?? 0, paths: c.paths ?? [] },
    runUrl: fixRunUrl(run.id),
  });
}

import { type Db, type FixRun, type FixRunEventData, getSentryIssue, latestFixRunEvent } from "@suture/db";
import { pullRequestText } from "../pull-request-text.ts";
import { fixRunUrl } from "./fix-run-url.ts";

export type FixRunText = ReturnType<typeof pullRequestText>;

/**
 * The commit message, PR title and PR body of a run, from what its stages recorded (the agent's
 * summary, the diff checks, the tests), so a retried step writes the same words.
 */
export async function fixRunText(db: Db, run: FixRun): Promise<FixRunText | undefined> {
  const [issue, checks, tests, deployment, red] = await Promise.all([
    getSentryIssue(db, { workspaceId: run.workspaceId, id: run.sentryIssueId }),
    latestFixRunEvent(db, { fixRunId: run.id, kind: "checks" }),
    latestFixRunEvent(db, { fixRunId: run.id, kind: "tests" }),
    latestFixRunEvent(db, { fixRunId: run.id, kind: "deployment" }),
    latestFixRunEvent(db, { fixRunId: run.id, kind: "red_green" }),
  ]);
  if (!issue) return undefined;
  const c: CheckData = checks?.data ?? {};
  const t = tests?.data;
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
    checks: passedChecks(c),
    tests: t
      ? { command: t.command, ok: t.ok, exitCode: t.exitCode, durationMs: t.durationMs, outputTail: t.outputTail }
      : null,
    diff: { files: c.paths?.length ?? 0, added: c.added ?? 0, removed: c.removed ?? 0, paths: c.paths ?? [] },
    deployment: deployment?.data ?? null,
    redGreen: red?.data ?? null,
    runUrl: fixRunUrl(run.id),
  });
}

/** What the diff checks recorded; nothing when the run has no checks entry. */
type CheckData = Partial<FixRunEventData<"checks">>;

/** The diff checks a published run passed, worded from the policy it was checked against. */
function passedChecks(c: CheckData): { name: string; ok: boolean; detail: string }[] {
  const files = c.paths?.length ?? 0;
  const lines = (c.added ?? 0) + (c.removed ?? 0);
  return [
    { name: "Diff is not empty", ok: true, detail: `${files} file${files === 1 ? "" : "s"}` },
    ...(c.protectedPatterns
      ? [
          {
            name: "No protected path",
            ok: true,
            detail: `none of the workspace's ${c.protectedPatterns} protected path patterns (CI, lockfiles, secrets) touched`,
          },
        ]
      : []),
    {
      name: "Within size limits",
      ok: true,
      detail: `${files}${c.maxFiles ? `/${c.maxFiles}` : ""} files, ${lines}${c.maxLines ? `/${c.maxLines}` : ""} lines`,
    },
    ...(c.requireTest ? [{ name: "Regression test", ok: true, detail: "a test file was added or changed" }] : []),
  ];
}

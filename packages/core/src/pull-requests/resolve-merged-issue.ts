import { appendFixRunEvent, type FixRunEventInput, getFixRun, getSentryIssue, latestFixRunEvent } from "@suture/db";
import { getDb } from "../database.ts";
import { env } from "../env.ts";
import { sentryApiForIssue } from "../clients/sentry-api.ts";

export type ResolveResult =
  | { status: "resolved"; sentryIssueId: string }
  | { status: "skipped"; reason: string }
  | { status: "failed"; error: string }
  | { status: "not_found"; error: string };

/**
 * After a fix PR is merged: resolve its Sentry issue "in the next release", so Sentry reopens it
 * (a regression) if the error comes back once the fix ships. Opt-in, and recorded either way.
 * Only a run the database says is merged, and only once: resolving again later could hide a
 * regression Sentry has reopened since.
 */
export async function resolveMergedIssue(fixRunId: string): Promise<ResolveResult> {
  const db = await getDb();
  const run = await getFixRun(db, { id: fixRunId });
  if (!run) return { status: "not_found", error: `no fix run ${fixRunId}` };
  if (run.status !== "merged")
    return { status: "skipped", reason: `the run is ${run.status.replaceAll("_", " ")}, not merged` };
  const resolved = await latestFixRunEvent(db, { fixRunId, kind: "sentry_resolved" });
  if (resolved) return { status: "resolved", sentryIssueId: resolved.data.sentryIssueId };
  const record = (event: FixRunEventInput) => appendFixRunEvent(db, { fixRunId, event });

  const issue = await getSentryIssue(db, { workspaceId: run.workspaceId, id: run.sentryIssueId });
  const client =
    env.SUTURE_RESOLVE_ON_MERGE !== true
      ? ({ status: "missing", reason: "SUTURE_RESOLVE_ON_MERGE is not set" } as const)
      : issue && (await sentryApiForIssue(db, { workspaceId: run.workspaceId, issueId: issue.id }));
  if (client?.status === "missing") {
    await record({ kind: "sentry_resolve_skipped", message: `Sentry issue left open: ${client.reason}` });
    return { status: "skipped", reason: client.reason };
  }
  if (!issue || !client) return { status: "not_found", error: `fix run ${fixRunId} has no Sentry issue` };

  const result = await client.api.resolveIssue(issue.sentryIssueId, { inNextRelease: true });
  if (result.status === "failed") {
    await record({
      kind: "sentry_resolve_failed",
      message: `Could not resolve Sentry issue ${issue.shortId ?? issue.sentryIssueId}: ${result.error}`,
      data: { error: result.error, httpStatus: result.httpStatus ?? null },
    });
    return { status: "failed", error: result.error };
  }
  await record({
    kind: "sentry_resolved",
    message: `Resolved Sentry issue ${issue.shortId ?? issue.sentryIssueId} in the next release`,
    data: { sentryIssueId: issue.sentryIssueId },
  });
  return { status: "resolved", sentryIssueId: issue.sentryIssueId };
}

import { appendFixRunEvent, getSentryIssue, latestFixRunEvent } from "@suture/db";
import { getDb } from "../../database.ts";
import { env } from "../../env.ts";
import { linkSentryIssue } from "../link-sentry-issue.ts";
import { slackMessage } from "../slack-message.ts";
import { fixRunUrl } from "./fix-run-url.ts";
import { runWithSuturePullRequest } from "./run-guards.ts";

export interface NotifyResult {
  slack: "sent" | "failed" | "not_configured" | "skipped";
  sentry: string;
}

/**
 * Tells people a draft PR is waiting: Slack, and a link on the Sentry issue. Neither can fail the
 * run. Only an open PR that Suture opened for the run is announced.
 */
export async function notifyFix(fixRunId: string): Promise<NotifyResult> {
  const db = await getDb();
  const guarded = await runWithSuturePullRequest(db, fixRunId);
  if (guarded.status === "refused") return { slack: "skipped", sentry: guarded.reason };
  const { run } = guarded;
  const issue = await getSentryIssue(db, { workspaceId: run.workspaceId, id: run.sentryIssueId });
  if (!issue) return { slack: "skipped", sentry: "the run's issue no longer exists" };

  // A retried step must not tell people twice: what the timeline says was sent is not sent again.
  const [slackSent, sentryTold] = await Promise.all([
    latestFixRunEvent(db, { fixRunId, kind: "slack" }),
    Promise.all([
      latestFixRunEvent(db, { fixRunId, kind: "sentry_linked" }),
      latestFixRunEvent(db, { fixRunId, kind: "sentry_commented" }),
    ]),
  ]);
  let slack: NotifyResult["slack"] = slackSent?.data.sent ? "sent" : "not_configured";
  if (env.SLACK_WEBHOOK_URL && !slackSent?.data.sent) {
    const payload = slackMessage({
      shortId: issue.shortId ?? issue.sentryIssueId,
      title: issue.title,
      prUrl: run.prUrl,
      summary: run.summary,
      runUrl: fixRunUrl(fixRunId),
    });
    slack = await fetch(env.SLACK_WEBHOOK_URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(10_000),
    }).then(
      (res) => (res.ok ? "sent" : "failed"),
      () => "failed" as const,
    );
    await appendFixRunEvent(db, {
      fixRunId,
      event: {
        kind: "slack",
        message: slack === "sent" ? "Told Slack" : "Slack did not accept the message",
        data: { sent: slack === "sent" },
      },
    });
  }
  if (sentryTold.some(Boolean)) return { slack, sentry: "already_linked" };
  const linked = await linkSentryIssue(run, run.prUrl, run.prNumber);
  return { slack, sentry: linked.status };
}

import { appendFixRunEvent, type Db, describeError, type FixRun, getRepository, getSentryIssue } from "@suture/db";
import { getDb } from "../database.ts";
import { sentryApiForIssue } from "../clients/sentry-api.ts";
import type { SentryApi } from "@suture/sentry";

export type LinkResult =
  | { status: "linked"; externalIssueId: string | null }
  | { status: "commented"; commentId: string | null; linkError?: string }
  | { status: "skipped"; reason: string }
  | { status: "failed"; error: string };

/**
 * Shows the fix PR on its Sentry issue: as the integration's linked issue when the workspace has
 * an installation (the link sits in the issue's sidebar), else, or if linking fails, as a
 * comment. The PR is open either way, so this never throws.
 */
export async function linkSentryIssue(
  run: Pick<FixRun, "id" | "workspaceId" | "sentryIssueId" | "repositoryId">,
  prUrl: string,
  prNumber: number,
): Promise<LinkResult> {
  try {
    const db = await getDb();
    const issue = await getSentryIssue(db, { workspaceId: run.workspaceId, id: run.sentryIssueId });
    if (!issue) return { status: "failed", error: `fix run ${run.id} has no Sentry issue` };
    const client = await sentryApiForIssue(db, { workspaceId: run.workspaceId, issueId: issue.id });
    if (client.status !== "ok") return { status: "skipped", reason: client.reason };
    const { api, installationUuid } = client;
    const pr: PullRequestLink = { run, sentryIssueId: issue.sentryIssueId, prUrl, prNumber };
    const linked = installationUuid ? await linkAsExternalIssue(db, api, installationUuid, pr) : null;
    if (linked?.status === "linked") return linked;
    return await commentOnIssue(db, api, pr, linked?.linkError);
  } catch (error) {
    return { status: "failed", error: describeError(error) };
  }
}

interface PullRequestLink {
  run: Pick<FixRun, "id" | "repositoryId">;
  sentryIssueId: string;
  prUrl: string;
  prNumber: number;
}

/** The PR as the integration's linked issue, in the Sentry issue's sidebar. */
async function linkAsExternalIssue(
  db: Db,
  api: SentryApi,
  installationUuid: string,
  { run, sentryIssueId, prUrl, prNumber }: PullRequestLink,
): Promise<Extract<LinkResult, { status: "linked" }> | { status: "not_linked"; linkError: string }> {
  const repository = run.repositoryId ? await getRepository(db, { id: run.repositoryId }) : undefined;
  const project = repository ? `${repository.owner}/${repository.name}` : (repoFromPrUrl(prUrl) ?? "pull request");
  const linked = await api.linkPullRequest(installationUuid, {
    issueId: sentryIssueId,
    webUrl: prUrl,
    project,
    identifier: String(prNumber),
  });
  if (linked.status !== "ok") return { status: "not_linked", linkError: linked.error };
  await appendFixRunEvent(db, {
    fixRunId: run.id,
    event: { kind: "sentry_linked", message: `Linked ${project}#${prNumber} to the Sentry issue`, data: { prUrl } },
  });
  return { status: "linked", externalIssueId: linked.externalIssueId };
}

/** The PR as a comment on the Sentry issue: without an installation, or when linking failed. */
async function commentOnIssue(
  db: Db,
  api: SentryApi,
  { run, sentryIssueId, prUrl }: PullRequestLink,
  linkError: string | undefined,
): Promise<LinkResult> {
  const commented = await api.comment(sentryIssueId, `Suture opened a fix for this issue: ${prUrl}`);
  if (commented.status === "failed") {
    const error = linkError ? `${linkError}; ${commented.error}` : commented.error;
    await appendFixRunEvent(db, {
      fixRunId: run.id,
      event: { kind: "sentry_link_failed", message: `Could not link the PR on Sentry: ${error}`, data: { prUrl } },
    });
    return { status: "failed", error };
  }
  await appendFixRunEvent(db, {
    fixRunId: run.id,
    event: {
      kind: "sentry_commented",
      message: "Commented the PR on the Sentry issue",
      data: { prUrl, linkError: linkError ?? null },
    },
  });
  return { status: "commented", commentId: commented.commentId, ...(linkError ? { linkError } : {}) };
}

function repoFromPrUrl(url: string): string | null {
  const match = /^https?:\/\/[^/]+\/([^/]+\/[^/]+)\/pull\/\d+/.exec(url);
  return match?.[1] ?? null;
}

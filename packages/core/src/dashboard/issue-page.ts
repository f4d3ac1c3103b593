import {
  findWorkspaceRepository,
  getSentryIssue,
  type IssueFixRun,
  type IssueObservation,
  latestStoredEvent,
  listIssueFixRuns,
  listIssueObservations,
  releaseCommit,
  type SentryIssue,
} from "@suture/db";
import { z } from "zod";
import { can, type WorkspaceScope } from "../auth/roles.ts";
import { getDb } from "../database.ts";
import { safeHttpsUrl, safePullRequestUrl } from "../links/safe-https-url.ts";
import { type FrameLinkTarget, type IssueEvent, issueEventOf, storedEventOf } from "./issue-event.ts";
import { getIssueDeployment, type IssueDeployment } from "./issue-deployment.ts";
import { decodeIssueCursor, encodeIssueCursor } from "./issue-list.ts";

export type IssuePage =
  | {
      status: "found";
      /** `webUrl` is null unless it is an https: link (safe as an href). */
      issue: SentryIssue;
      /** The newest stored event with a stack trace, or null when Sentry delivered none. */
      event: IssueEvent | null;
      release: string | null;
      /** The release the issue was first seen in, the deployment that introduced it and its suspect commits. */
      deployment: IssueDeployment;
      /** The repository frames link into, and the ref: the release's commit when known, else the default branch. */
      source: { repository: string; ref: string; refIsCommit: boolean } | null;
      /** Newest first; `olderCursor` reads the next ones. */
      timeline: Omit<IssueObservation, "occurredAtKey">[];
      olderCursor: string | null;
      /** Newest first; `prUrl` is null unless an https: link on the configured GitHub. */
      fixRuns: IssueFixRun[];
      /** The run waiting for a decision, if any. */
      awaitingRunId: string | null;
      canDecide: boolean;
    }
  | { status: "not_found" };

const TIMELINE_PAGE = 100;

/** One issue of the scope's workspace with its latest event, timeline and fix runs; another workspace's is not found. */
export async function getIssuePage(
  scope: WorkspaceScope,
  issueId: string,
  { olderThan = null }: { olderThan?: string | null } = {},
): Promise<IssuePage> {
  if (!z.uuid().safeParse(issueId).success) return { status: "not_found" };
  const db = await getDb();
  const { workspaceId } = scope;
  const issue = await getSentryIssue(db, { workspaceId, id: issueId });
  if (!issue) return { status: "not_found" };
  const [stored, observations, runs, repository] = await Promise.all([
    latestStoredEvent(db, { sentryIssueId: issue.id }),
    listIssueObservations(db, {
      workspaceId,
      sentryIssueId: issue.id,
      before: decodeIssueCursor(olderThan),
      limit: TIMELINE_PAGE + 1,
    }),
    listIssueFixRuns(db, { workspaceId, sentryIssueId: issue.id }),
    findWorkspaceRepository(db, { workspaceId }),
  ]);
  const event = stored ? storedEventOf(stored.rawBody) : null;
  const release = stored?.release ?? event?.release ?? null;
  const commit = release && repository ? await releaseCommit(db, { workspaceId, release }) : undefined;
  const target: FrameLinkTarget | null = repository ? { repository, ref: commit ?? repository.defaultBranch } : null;
  const issueEvent = event ? issueEventOf(event, target) : null;
  const deployment = await getIssueDeployment(db, { workspaceId, sentryIssueId: issue.id, event: issueEvent });
  const shown = observations.slice(0, TIMELINE_PAGE);
  const last = shown.at(-1);
  return {
    status: "found",
    issue: { ...issue, webUrl: safeHttpsUrl(issue.webUrl) },
    event: issueEvent,
    release,
    deployment,
    source:
      repository && target
        ? { repository: `${repository.owner}/${repository.name}`, ref: target.ref, refIsCommit: commit !== undefined }
        : null,
    timeline: shown.map(({ occurredAtKey: _key, ...row }) => row),
    olderCursor:
      observations.length > TIMELINE_PAGE && last ? encodeIssueCursor({ key: last.occurredAtKey, id: last.id }) : null,
    fixRuns: runs.map((run) => ({ ...run, prUrl: safePullRequestUrl(run.prUrl) })),
    awaitingRunId: runs.find((run) => run.status === "awaiting_approval")?.id ?? null,
    canDecide: can(scope.role, "decide"),
  };
}

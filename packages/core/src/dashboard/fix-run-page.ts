import {
  type FixRun,
  type FixRunEvent,
  getWorkspaceFixRun,
  listFixRunEvents,
  type Repository,
  type SentryIssue,
} from "@suture/db";
import { z } from "zod";
import { can, type WorkspaceScope } from "../auth/roles.ts";
import { getDb } from "../database.ts";
import { safeHttpsUrl, safePullRequestUrl } from "../links/safe-https-url.ts";

export type FixRunPage =
  | {
      status: "found";
      /** `prUrl` is null unless it is an https: link on the configured GitHub (safe as an href). */
      run: Omit<FixRun, "diff">;
      /** `webUrl` is null unless it is an https: link (safe as an href). */
      issue: SentryIssue;
      repository: Pick<Repository, "owner" | "name" | "defaultBranch"> | null;
      events: FixRunEvent[];
      diff: string | null;
      /** The viewer may approve or reject it, and it is waiting for that. */
      canDecide: boolean;
    }
  | { status: "not_found" };

/** A fix run of the scope's workspace with its issue and timeline; another workspace's is not found. */
export async function getFixRunPage(scope: WorkspaceScope, fixRunId: string): Promise<FixRunPage> {
  if (!z.uuid().safeParse(fixRunId).success) return { status: "not_found" };
  const db = await getDb();
  const found = await getWorkspaceFixRun(db, { workspaceId: scope.workspaceId, fixRunId });
  if (!found) return { status: "not_found" };
  const { diff, ...run } = found.run;
  return {
    status: "found",
    // Links come from Sentry, GitHub, Seer or a webhook: an href only when https: (and, for a PR,
    // on the configured GitHub).
    run: { ...run, prUrl: safePullRequestUrl(run.prUrl) },
    issue: { ...found.issue, webUrl: safeHttpsUrl(found.issue.webUrl) },
    repository: found.repository
      ? { owner: found.repository.owner, name: found.repository.name, defaultBranch: found.repository.defaultBranch }
      : null,
    events: await listFixRunEvents(db, { fixRunId }),
    diff,
    canDecide: can(scope.role, "decide") && run.status === "awaiting_approval",
  };
}

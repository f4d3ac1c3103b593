import { type Db, insertDelivery, knownIssueStatuses } from "@suture/db";
import type { ListedIssue } from "@suture/sentry";
import { log } from "../observability/log.ts";
import { type RecoveryKind, recoveredDelivery } from "./recovered-delivery.ts";

export interface RecoveredIssue {
  org: string;
  issueId: string;
  shortId: string | null;
  title: string | null;
  kind: RecoveryKind;
  deliveryId: string;
}

const SETTLED = new Set(["resolved", "ignored", "archived"]);

/**
 * What Suture never heard of among listed issues: one it has no row for (new), or one Sentry
 * has unresolved again while Suture still has it settled (a regression). Each becomes a pending
 * delivery under the webhook's dedup key; one already stored (the webhook came, or an earlier
 * sync run recovered it) is left alone.
 */
export async function recoverIssues(
  db: Db,
  { org, installationUuid, issues }: { org: string; installationUuid: string | null; issues: ListedIssue[] },
): Promise<RecoveredIssue[]> {
  const known = await knownIssueStatuses(db, { sentryIssueIds: issues.map((listed) => listed.issue.id) });
  const recovered: RecoveredIssue[] = [];
  for (const listed of issues) {
    const { issue } = listed;
    const status = known.get(issue.id);
    const kind: RecoveryKind | null = !known.has(issue.id)
      ? "new"
      : issue.status === "unresolved" && status && SETTLED.has(status)
        ? "regression"
        : null;
    if (!kind) continue;
    const built = recoveredDelivery(listed, kind, installationUuid);
    if (built.status === "too_large") {
      log.warn({ org, issueId: issue.id }, "a recovered issue is larger than a delivery may be; skipped");
      continue;
    }
    const stored = await insertDelivery(db, built.values);
    if (stored.status !== "inserted") continue;
    recovered.push({ org, issueId: issue.id, shortId: issue.shortId, title: issue.title, kind, deliveryId: stored.id });
  }
  return recovered;
}

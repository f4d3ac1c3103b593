import {
  countDeliveriesByStatus,
  countObservations,
  type DeliverySummary,
  type FixRunSummary,
  listLatestObservations,
  listRecentDeliveries,
  listRecentFixRuns,
  type ObservationSummary,
} from "@suture/db";
import type { WorkspaceScope } from "../auth/roles.ts";
import { getDb } from "../database.ts";
import { safePullRequestUrl } from "../links/safe-https-url.ts";

export interface Overview {
  observations: ObservationSummary[];
  deliveries: DeliverySummary[];
  deliveryCounts: Record<string, number>;
  observationCount: number;
  /** `prUrl` is null unless it is an https: link on the configured GitHub (safe as an href). */
  fixRuns: FixRunSummary[];
}

/** A workspace's first page: its fix runs, latest observations and deliveries, and their counts. */
export async function getWorkspaceOverview(scope: WorkspaceScope, limit = 50): Promise<Overview> {
  const db = await getDb();
  const { workspaceId } = scope;
  const [observations, deliveries, deliveryCounts, observationCount, fixRuns] = await Promise.all([
    listLatestObservations(db, { workspaceId, limit }),
    listRecentDeliveries(db, { workspaceId, limit }),
    countDeliveriesByStatus(db, { workspaceId }),
    countObservations(db, { workspaceId }),
    listRecentFixRuns(db, { workspaceId, limit: 20 }),
  ]);
  // A PR link comes from GitHub, Seer or a webhook: it is rendered as an href only when it is an
  // https: link on the configured GitHub.
  const safeRuns = fixRuns.map((run) => ({ ...run, prUrl: safePullRequestUrl(run.prUrl) }));
  return { observations, deliveries, deliveryCounts, observationCount, fixRuns: safeRuns };
}

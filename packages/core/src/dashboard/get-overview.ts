import {
  countDeliveriesByStatusAcrossWorkspaces,
  countObservationsAcrossWorkspaces,
  type DeliverySummary,
  type FixRunSummary,
  listLatestObservationsAcrossWorkspaces,
  listRecentDeliveriesAcrossWorkspaces,
  listRecentFixRunsAcrossWorkspaces,
  type ObservationSummary,
} from "@suture/db";
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

/**
 * What the first page shows: fix runs, the latest observations and deliveries, and their counts.
 * It reads every workspace (and deliveries not routed to one yet): there is no signed-in
 * workspace to scope it to yet.
 */
export async function getOverview(limit = 50): Promise<Overview> {
  const db = await getDb();
  const [observations, deliveries, deliveryCounts, observationCount, fixRuns] = await Promise.all([
    listLatestObservationsAcrossWorkspaces(db, { limit }),
    listRecentDeliveriesAcrossWorkspaces(db, { limit }),
    countDeliveriesByStatusAcrossWorkspaces(db),
    countObservationsAcrossWorkspaces(db),
    listRecentFixRunsAcrossWorkspaces(db, { limit: 20 }),
  ]);
  // A PR link comes from GitHub, Seer or a webhook: it is rendered as an href only when it is an
  // https: link on the configured GitHub.
  const safeRuns = fixRuns.map((run) => ({ ...run, prUrl: safePullRequestUrl(run.prUrl) }));
  return { observations, deliveries, deliveryCounts, observationCount, fixRuns: safeRuns };
}

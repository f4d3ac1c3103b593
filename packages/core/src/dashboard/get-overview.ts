import {
  countDeliveriesByStatus,
  countObservations,
  type DeliverySummary,
  type FixRunSummary,
  listLatestObservations,
  listRecentFixRuns,
  listRecentDeliveries,
  type ObservationSummary,
} from "@suture/db";
import { getDb } from "../database.ts";

export interface Overview {
  observations: ObservationSummary[];
  deliveries: DeliverySummary[];
  deliveryCounts: Record<string, number>;
  observationCount: number;
  fixRuns: FixRunSummary[];
}

/** What the first page shows: fix runs, the latest observations and deliveries, and their counts. */
export async function getOverview(limit = 50): Promise<Overview> {
  const db = await getDb();
  const [observations, deliveries, deliveryCounts, observationCount, fixRuns] = await Promise.all([
    listLatestObservations(db, limit),
    listRecentDeliveries(db, limit),
    countDeliveriesByStatus(db),
    countObservations(db),
    listRecentFixRuns(db, 20),
  ]);
  return { observations, deliveries, deliveryCounts, observationCount, fixRuns };
}

import {
  countDeliveriesByStatus,
  countObservations,
  type DeliverySummary,
  listLatestObservations,
  listRecentDeliveries,
  type ObservationSummary,
} from "@suture/db";
import { getDb } from "../database.ts";

export interface Overview {
  observations: ObservationSummary[];
  deliveries: DeliverySummary[];
  deliveryCounts: Record<string, number>;
  observationCount: number;
}

/** What the first page shows: the latest observations and deliveries, and their counts. */
export async function getOverview(limit = 50): Promise<Overview> {
  const db = await getDb();
  const [observations, deliveries, deliveryCounts, observationCount] = await Promise.all([
    listLatestObservations(db, limit),
    listRecentDeliveries(db, limit),
    countDeliveriesByStatus(db),
    countObservations(db),
  ]);
  return { observations, deliveries, deliveryCounts, observationCount };
}

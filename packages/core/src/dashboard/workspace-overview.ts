import {
  countWorkspaceDeliveriesByStatus,
  countWorkspaceObservations,
  listWorkspaceDeliveries,
  listWorkspaceFixRuns,
  listWorkspaceObservations,
} from "@suture/db";
import type { WorkspaceScope } from "../auth/roles.ts";
import { getDb } from "../database.ts";
import type { Overview } from "./get-overview.ts";

/** A workspace's first page: its fix runs, latest observations and deliveries, and their counts. */
export async function getWorkspaceOverview(scope: WorkspaceScope, limit = 50): Promise<Overview> {
  const db = await getDb();
  const { workspaceId } = scope;
  const [observations, deliveries, deliveryCounts, observationCount, fixRuns] = await Promise.all([
    listWorkspaceObservations(db, { workspaceId, limit }),
    listWorkspaceDeliveries(db, { workspaceId, limit }),
    countWorkspaceDeliveriesByStatus(db, { workspaceId }),
    countWorkspaceObservations(db, { workspaceId }),
    listWorkspaceFixRuns(db, { workspaceId, limit: 20 }),
  ]);
  return { observations, deliveries, deliveryCounts, observationCount, fixRuns };
}

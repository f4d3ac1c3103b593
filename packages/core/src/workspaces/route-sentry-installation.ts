import {
  ensureWorkspace,
  getWorkspaceBySlug,
  listUnroutedDeliveries,
  requeueDeliveries,
  routeInstallation,
} from "@suture/db";
import { getDb } from "../database.ts";
import { announceAgain } from "../ingest/sentry/announce-again.ts";

export type RouteInstallationResult =
  { status: "routed"; workspaceId: string; requeued: number } | { status: "no_workspace"; error: string };

/**
 * A person maps a Sentry installation to a workspace; its parked `unrouted` deliveries go back
 * to pending and are announced again.
 */
export async function routeSentryInstallation(
  installationUuid: string,
  workspaceSlug: string,
  options: { create?: boolean } = {},
): Promise<RouteInstallationResult> {
  const db = await getDb();
  const workspace = options.create
    ? await ensureWorkspace(db, { slug: workspaceSlug })
    : await getWorkspaceBySlug(db, { slug: workspaceSlug });
  if (!workspace) return { status: "no_workspace", error: `no workspace with slug "${workspaceSlug}"` };
  await routeInstallation(db, { uuid: installationUuid, workspaceId: workspace.id, autoRouted: false });
  const ids = await listUnroutedDeliveries(db, { installationUuid });
  const requeued = await requeueDeliveries(db, { ids });
  await announceAgain(ids, "route");
  return { status: "routed", workspaceId: workspace.id, requeued };
}

import { type Db, ensureWorkspace, findProjectWorkspace, getInstallation, routeInstallation } from "@suture/db";

export const DEFAULT_WORKSPACE_SLUG = "default";

export type WorkspaceRoute =
  { workspaceId: string; via: "project" | "installation" | "auto" } | { workspaceId: null; via: "unrouted" };

/**
 * Which workspace a delivery belongs to: a per-project override, else the installation's
 * mapping, else — only when auto-routing is on — the `default` workspace, recorded as such.
 * Never a guess: without a mapping the delivery stays `unrouted`.
 */
export async function routeWorkspace(
  db: Db,
  installationUuid: string | null,
  project: { slug: string | null; id: string | null },
  autoRoute: boolean,
): Promise<WorkspaceRoute> {
  const override = await findProjectWorkspace(db, { installationUuid, project });
  if (override) return { workspaceId: override, via: "project" };
  if (installationUuid) {
    const installation = await getInstallation(db, { uuid: installationUuid });
    if (installation?.workspaceId) return { workspaceId: installation.workspaceId, via: "installation" };
  }
  if (!autoRoute || !installationUuid) return { workspaceId: null, via: "unrouted" };
  const workspace = await ensureWorkspace(db, { slug: DEFAULT_WORKSPACE_SLUG, name: "Default" });
  await routeInstallation(db, { uuid: installationUuid, workspaceId: workspace.id, autoRouted: true });
  return { workspaceId: workspace.id, via: "auto" };
}

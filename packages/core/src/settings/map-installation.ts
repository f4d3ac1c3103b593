import {
  addProjectOverride,
  deleteProjectOverride,
  getInstallation,
  listUnroutedDeliveries,
  requeueDeliveries,
} from "@suture/db";
import { z } from "zod";
import { auditAdminChange } from "../audit/audit-admin-change.ts";
import { can, type WorkspaceScope } from "../auth/roles.ts";
import { getDb } from "../database.ts";
import { announceAgain } from "../ingest/sentry/announce-again.ts";
import { routeSentryInstallation } from "../workspaces/route-sentry-installation.ts";

export const mapInstallationInput = z.object({ installationUuid: z.uuid({ error: "not an installation id" }) });

export const projectOverrideInput = z
  .object({
    /** Empty: the project in any installation. */
    installationUuid: z.union([z.uuid({ error: "not an installation id" }), z.literal("")]).default(""),
    projectSlug: z.string().trim().max(100, "a project slug is at most 100 characters").default(""),
    projectId: z.string().trim().regex(/^\d*$/, "a project id is a number").default(""),
  })
  .refine((v) => v.projectSlug !== "" || v.projectId !== "", { error: "give a project slug or a project id" });

export const removeOverrideInput = z.object({ id: z.uuid({ error: "not an override id" }) });

export type MappingResult =
  | { status: "mapped"; requeued: number }
  | { status: "removed" }
  | { status: "forbidden" | "not_found" | "taken"; error: string };

/**
 * Maps a Sentry installation to this workspace and re-processes its unrouted deliveries, as
 * `suture route` does. An installation another workspace owns is refused. Admins only.
 */
export async function mapInstallation(
  scope: WorkspaceScope,
  input: z.infer<typeof mapInstallationInput>,
): Promise<MappingResult> {
  if (!can(scope.role, "admin")) return { status: "forbidden", error: "only admins map installations" };
  const db = await getDb();
  const uuid = input.installationUuid;
  const installation = await getInstallation(db, { uuid });
  if (!installation && (await listUnroutedDeliveries(db, { installationUuid: uuid })).length === 0) {
    return { status: "not_found", error: "no such installation" };
  }
  if (installation?.workspaceId && installation.workspaceId !== scope.workspaceId) {
    return { status: "taken", error: "another workspace owns this installation" };
  }
  const routed = await routeSentryInstallation(uuid, scope.slug);
  if (routed.status !== "routed") return { status: "not_found", error: routed.error };
  await auditAdminChange(db, scope, {
    action: "installation.mapped",
    targetType: "installation",
    targetId: uuid,
    data: { orgSlug: installation?.orgSlug ?? null, requeued: routed.requeued },
  });
  return { status: "mapped", requeued: routed.requeued };
}

/**
 * Sends a Sentry project's deliveries to this workspace whatever its installation's mapping, and
 * re-processes the unrouted deliveries it may now route. Admins only.
 */
export async function addWorkspaceProjectOverride(
  scope: WorkspaceScope,
  input: z.infer<typeof projectOverrideInput>,
): Promise<MappingResult> {
  if (!can(scope.role, "admin")) return { status: "forbidden", error: "only admins map projects" };
  const db = await getDb();
  const installationUuid = input.installationUuid || null;
  if (installationUuid && !(await getInstallation(db, { uuid: installationUuid }))) {
    return { status: "not_found", error: "no such installation" };
  }
  const values = {
    installationUuid,
    projectSlug: input.projectSlug || null,
    projectId: input.projectId || null,
    workspaceId: scope.workspaceId,
  };
  const ids = await db.transaction(async (tx) => {
    await addProjectOverride(tx, values);
    await auditAdminChange(tx, scope, {
      action: "project.mapped",
      targetType: "sentry_project",
      targetId: values.projectSlug ?? values.projectId ?? "",
      data: { installationUuid, projectId: values.projectId },
    });
    const unrouted = await listUnroutedDeliveries(tx, { installationUuid: installationUuid ?? undefined });
    await requeueDeliveries(tx, { ids: unrouted });
    return unrouted;
  });
  // Those not about this project are parked as unrouted again.
  await announceAgain(ids, "route");
  return { status: "mapped", requeued: ids.length };
}

/** Removes one of this workspace's project overrides. Admins only. */
export async function removeWorkspaceProjectOverride(
  scope: WorkspaceScope,
  input: z.infer<typeof removeOverrideInput>,
): Promise<MappingResult> {
  if (!can(scope.role, "admin")) return { status: "forbidden", error: "only admins map projects" };
  const db = await getDb();
  const removed = await db.transaction(async (tx) => {
    const row = await deleteProjectOverride(tx, { workspaceId: scope.workspaceId, id: input.id });
    if (row) {
      await auditAdminChange(tx, scope, {
        action: "project.unmapped",
        targetType: "sentry_project",
        targetId: row.projectSlug ?? row.projectId ?? "",
        data: { installationUuid: row.installationUuid },
      });
    }
    return row;
  });
  return removed ? { status: "removed" } : { status: "not_found", error: "no such override in this workspace" };
}

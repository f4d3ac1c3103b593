import { and, eq, isNull, or } from "drizzle-orm";
import type { Db } from "../client.ts";
import { sentryInstallations, sentryProjects, workspaces } from "../schema/index.ts";

export type Workspace = typeof workspaces.$inferSelect;
export type SentryInstallation = typeof sentryInstallations.$inferSelect;

export async function ensureWorkspace(
  db: Db,
  { slug, name = slug }: { slug: string; name?: string },
): Promise<Workspace> {
  await db.insert(workspaces).values({ slug, name }).onConflictDoNothing({ target: workspaces.slug });
  const [row] = await db.select().from(workspaces).where(eq(workspaces.slug, slug));
  if (!row) throw new Error(`workspace ${slug} was not created`);
  return row;
}

export async function getWorkspaceBySlug(db: Db, { slug }: { slug: string }): Promise<Workspace | undefined> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.slug, slug));
  return row;
}

export async function getInstallation(db: Db, { uuid }: { uuid: string }): Promise<SentryInstallation | undefined> {
  const [row] = await db.select().from(sentryInstallations).where(eq(sentryInstallations.uuid, uuid));
  return row;
}

/** Records an installation; an existing workspace mapping is kept. */
export async function upsertInstallation(
  db: Db,
  values: { uuid: string; orgSlug?: string | null; appSlug?: string | null; status?: "active" | "deleted" },
): Promise<SentryInstallation> {
  const [row] = await db
    .insert(sentryInstallations)
    .values(values)
    .onConflictDoUpdate({
      target: sentryInstallations.uuid,
      set: {
        ...(values.orgSlug ? { orgSlug: values.orgSlug } : {}),
        ...(values.appSlug ? { appSlug: values.appSlug } : {}),
        ...(values.status ? { status: values.status } : {}),
        updatedAt: new Date(),
      },
    })
    .returning();
  if (!row) throw new Error(`installation ${values.uuid} was not stored`);
  return row;
}

/** Maps an installation to a workspace; `autoRouted` records that no person chose it. */
export async function routeInstallation(
  db: Db,
  { uuid, workspaceId, autoRouted }: { uuid: string; workspaceId: string; autoRouted: boolean },
): Promise<void> {
  await db
    .insert(sentryInstallations)
    .values({ uuid, workspaceId, autoRouted })
    .onConflictDoUpdate({
      target: sentryInstallations.uuid,
      set: { workspaceId, autoRouted, updatedAt: new Date() },
    });
}

/** Client secrets stored per installation (multi-org installs), for signature checks. */
export async function listInstallationSecrets(db: Db): Promise<string[]> {
  const rows = await db.select({ secret: sentryInstallations.clientSecret }).from(sentryInstallations);
  return rows.flatMap((r) => (r.secret ? [r.secret] : []));
}

/** The per-project override for a delivery, if a person set one. */
export async function findProjectWorkspace(
  db: Db,
  {
    installationUuid,
    project,
  }: { installationUuid: string | null; project: { slug: string | null; id: string | null } },
): Promise<string | undefined> {
  const matchesProject = or(
    project.slug ? eq(sentryProjects.projectSlug, project.slug) : undefined,
    project.id ? eq(sentryProjects.projectId, project.id) : undefined,
  );
  if (!project.slug && !project.id) return undefined;
  const rows = await db
    .select({ workspaceId: sentryProjects.workspaceId, installationUuid: sentryProjects.installationUuid })
    .from(sentryProjects)
    .where(
      and(
        matchesProject,
        installationUuid
          ? or(eq(sentryProjects.installationUuid, installationUuid), isNull(sentryProjects.installationUuid))
          : isNull(sentryProjects.installationUuid),
      ),
    );
  // An override scoped to this installation beats a global one.
  const scoped = rows.find((r) => r.installationUuid !== null) ?? rows[0];
  return scoped?.workspaceId;
}

export async function addProjectOverride(
  db: Db,
  values: {
    installationUuid?: string | null;
    projectSlug?: string | null;
    projectId?: string | null;
    workspaceId: string;
  },
): Promise<void> {
  await db.insert(sentryProjects).values(values);
}

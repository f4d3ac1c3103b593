import { and, asc, eq, isNull, or } from "drizzle-orm";
import type { Db } from "../client.ts";
import { repositories, sentryInstallations, sentryProjects } from "../schema/index.ts";
import type { Repository } from "./fixes.ts";
import type { SentryInstallation } from "./workspaces.ts";

export type ProjectOverride = typeof sentryProjects.$inferSelect;

/** A workspace's connected repositories, by name. */
export async function listRepositories(db: Db, { workspaceId }: { workspaceId: string }): Promise<Repository[]> {
  return db
    .select()
    .from(repositories)
    .where(eq(repositories.workspaceId, workspaceId))
    .orderBy(asc(repositories.owner), asc(repositories.name));
}

export type RepositoryFields = Pick<
  Repository,
  "owner" | "name" | "cloneUrl" | "defaultBranch" | "codeMappings" | "testCommand"
>;

/** Changes one of the workspace's repositories; undefined when it has none by that id. */
export async function updateRepository(
  db: Db,
  { workspaceId, id, values }: { workspaceId: string; id: string; values: RepositoryFields },
): Promise<Repository | undefined> {
  const [row] = await db
    .update(repositories)
    .set(values)
    .where(and(eq(repositories.workspaceId, workspaceId), eq(repositories.id, id)))
    .returning();
  return row;
}

/** Disconnects one of the workspace's repositories (its past fix runs keep their history). */
export async function deleteRepository(
  db: Db,
  { workspaceId, id }: { workspaceId: string; id: string },
): Promise<Repository | undefined> {
  const [row] = await db
    .delete(repositories)
    .where(and(eq(repositories.workspaceId, workspaceId), eq(repositories.id, id)))
    .returning();
  return row;
}

/**
 * The installations a workspace's admin may see: those mapped to it, and those mapped to no
 * workspace yet (no one owns them). Installations of other workspaces are not listed.
 */
export async function listVisibleInstallations(
  db: Db,
  { workspaceId }: { workspaceId: string },
): Promise<SentryInstallation[]> {
  return db
    .select()
    .from(sentryInstallations)
    .where(or(eq(sentryInstallations.workspaceId, workspaceId), isNull(sentryInstallations.workspaceId)))
    .orderBy(asc(sentryInstallations.createdAt));
}

/** Per-project overrides that send deliveries to this workspace. */
export async function listProjectOverrides(
  db: Db,
  { workspaceId }: { workspaceId: string },
): Promise<ProjectOverride[]> {
  return db
    .select()
    .from(sentryProjects)
    .where(eq(sentryProjects.workspaceId, workspaceId))
    .orderBy(asc(sentryProjects.createdAt));
}

/** Removes one of this workspace's project overrides. */
export async function deleteProjectOverride(
  db: Db,
  { workspaceId, id }: { workspaceId: string; id: string },
): Promise<ProjectOverride | undefined> {
  const [row] = await db
    .delete(sentryProjects)
    .where(and(eq(sentryProjects.workspaceId, workspaceId), eq(sentryProjects.id, id)))
    .returning();
  return row;
}

import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { returnedRow } from "../returned-row.ts";
import { accounts, type Role, users, workspaceMembers, workspaces } from "../schema/index.ts";

export type User = typeof users.$inferSelect;

export interface Membership {
  workspaceId: string;
  slug: string;
  name: string;
  role: Role;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  return Number(row?.count ?? 0);
}

export async function findUserByEmail(db: Db, params: { email: string }): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, params.email.toLowerCase()));
  return row;
}

/**
 * A user who signs in with a password: the user row and its `credential` account, in one
 * transaction. `passwordHash` comes from better-auth's own hasher, so its sign-in accepts it.
 */
export async function insertPasswordUser(
  db: Db,
  params: { id: string; email: string; name: string; passwordHash: string },
): Promise<User> {
  return db.transaction(async (tx) => {
    const user = returnedRow(
      await tx
        .insert(users)
        .values({ id: params.id, email: params.email.toLowerCase(), name: params.name, emailVerified: true })
        .returning(),
      "insertPasswordUser",
    );
    await tx.insert(accounts).values({
      id: `${params.id}-credential`,
      accountId: params.id,
      providerId: "credential",
      userId: params.id,
      password: params.passwordHash,
    });
    return user;
  });
}

/** The workspaces a user is a member of, by name. */
export async function listUserMemberships(db: Db, params: { userId: string }): Promise<Membership[]> {
  return db
    .select({ workspaceId: workspaces.id, slug: workspaces.slug, name: workspaces.name, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(eq(workspaceMembers.userId, params.userId))
    .orderBy(asc(workspaces.name), asc(workspaces.slug));
}

/** The user's membership of one workspace, or undefined: the same answer for "no such workspace". */
export async function getMembership(db: Db, params: { userId: string; slug: string }): Promise<Membership | undefined> {
  const [row] = await db
    .select({ workspaceId: workspaces.id, slug: workspaces.slug, name: workspaces.name, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(and(eq(workspaceMembers.userId, params.userId), eq(workspaces.slug, params.slug)));
  return row;
}

/** Adds a member or changes their role; says what the role was before (null: a new member). */
export async function upsertMember(
  db: Db,
  params: { workspaceId: string; userId: string; role: Role },
): Promise<{ previousRole: Role | null }> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ role: workspaceMembers.role })
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, params.workspaceId), eq(workspaceMembers.userId, params.userId)))
      .for("update");
    await tx
      .insert(workspaceMembers)
      .values(params)
      .onConflictDoUpdate({
        target: [workspaceMembers.workspaceId, workspaceMembers.userId],
        set: { role: params.role, updatedAt: new Date() },
      });
    return { previousRole: before?.role ?? null };
  });
}

export async function removeMember(db: Db, params: { workspaceId: string; userId: string }): Promise<boolean> {
  const rows = await db
    .delete(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, params.workspaceId), eq(workspaceMembers.userId, params.userId)))
    .returning({ userId: workspaceMembers.userId });
  return rows.length > 0;
}

export interface MemberSummary {
  userId: string;
  email: string;
  name: string;
  role: Role;
  since: Date;
}

export async function listWorkspaceMembers(db: Db, params: { workspaceId: string }): Promise<MemberSummary[]> {
  return db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: workspaceMembers.role,
      since: workspaceMembers.createdAt,
    })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, params.workspaceId))
    .orderBy(asc(users.email));
}

export async function countWorkspaceAdmins(db: Db, params: { workspaceId: string }): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, params.workspaceId), eq(workspaceMembers.role, "admin")));
  return Number(row?.count ?? 0);
}

export async function listWorkspaces(db: Db): Promise<(typeof workspaces.$inferSelect)[]> {
  return db.select().from(workspaces).orderBy(asc(workspaces.slug));
}

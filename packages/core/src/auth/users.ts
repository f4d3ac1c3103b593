import { randomBytes } from "node:crypto";
import {
  type Db,
  ensureWorkspace,
  findUserByEmail,
  getWorkspaceBySlug,
  insertAuditEvent,
  insertPasswordUser,
  listWorkspaces,
  upsertMember,
  type User,
  type Workspace,
} from "@suture/db";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { getDb } from "../database.ts";
import { DEFAULT_WORKSPACE_SLUG } from "../workspaces/route-workspace.ts";
import { type Actor, ROLES, type Role } from "./roles.ts";

export const MIN_PASSWORD_LENGTH = 10;

export const newUserInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "enter a valid email address" })),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, { error: `the password needs at least ${MIN_PASSWORD_LENGTH} characters` })
    .max(128)
    .optional(),
  name: z.string().trim().max(100).optional(),
  role: z.enum(ROLES, { error: "the role is admin, approver or viewer" }),
  /** One workspace; without it, every workspace (or `default`, made when there is none). */
  workspace: z.string().trim().min(1).optional(),
});

export type AddUserResult =
  | {
      status: "created" | "existing";
      user: User;
      memberships: { slug: string; role: Role; previousRole: Role | null }[];
    }
  | { status: "invalid"; error: string }
  | { status: "no_workspace"; error: string };

/**
 * Creates a user who signs in with a password and makes them a member, or — when the email
 * already has a user — adds that user to the workspace(s) with the role. Each membership change
 * is in the audit log.
 */
export async function addUser(input: z.input<typeof newUserInput>, actor: Actor): Promise<AddUserResult> {
  const parsed = newUserInput.safeParse(input);
  if (!parsed.success) return { status: "invalid", error: parsed.error.issues.map((i) => i.message).join("; ") };
  const { email, password, role, workspace } = parsed.data;
  const db = await getDb();
  let targets: Workspace[];
  if (workspace) {
    const found = await getWorkspaceBySlug(db, { slug: workspace });
    if (!found) return { status: "no_workspace", error: `no workspace ${workspace}` };
    targets = [found];
  } else {
    targets = await listWorkspaces(db);
    if (targets.length === 0) targets = [await ensureWorkspace(db, { slug: DEFAULT_WORKSPACE_SLUG, name: "Default" })];
  }
  let user = await findUserByEmail(db, { email });
  const status = user ? "existing" : "created";
  if (!user) {
    if (!password) return { status: "invalid", error: "a new user needs a password" };
    user = await insertPasswordUser(db, {
      id: randomBytes(16).toString("hex"),
      email,
      name: parsed.data.name || (email.split("@")[0] ?? email),
      passwordHash: await hashPassword(password),
    });
  }
  const memberships = [];
  for (const target of targets) {
    const change = await setMemberRole(db, { workspaceId: target.id, user, role }, actor);
    memberships.push({ slug: target.slug, role, previousRole: change.previousRole });
  }
  return { status, user, memberships };
}

/** Adds a member or changes a role, and records it in the same transaction. */
export async function setMemberRole(
  db: Db,
  params: { workspaceId: string; user: Pick<User, "id" | "email">; role: Role },
  actor: Actor,
): Promise<{ previousRole: Role | null }> {
  return db.transaction(async (tx) => {
    const change = await upsertMember(tx, {
      workspaceId: params.workspaceId,
      userId: params.user.id,
      role: params.role,
    });
    if (change.previousRole !== params.role) {
      await insertAuditEvent(tx, {
        workspaceId: params.workspaceId,
        actorUserId: actor.userId,
        actor: actor.label,
        action: change.previousRole ? "member.role_changed" : "member.added",
        targetType: "user",
        targetId: params.user.email,
        data: { role: params.role, previousRole: change.previousRole },
      });
    }
    return change;
  });
}

import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { workspaces } from "./workspaces.ts";

/** viewer reads; approver also approves and rejects fix runs; admin does everything. */
export const ROLES = ["viewer", "approver", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Who may see a workspace, and as what. A user sees only the workspaces they are a member of. */
export const workspaceMembers = pgTable(
  "workspace_members",
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text({ enum: ROLES }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index("workspace_members_user_idx").on(t.userId)],
);

/**
 * Who did what, when, in which workspace, to what: approvals, rejections, policy and
 * repository changes, installation mappings, member and role changes, replays.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Null for what belongs to no workspace (a user created from the shell, for instance). */
    workspaceId: uuid().references(() => workspaces.id, { onDelete: "cascade" }),
    /** The signed-in user; null when the shell did it (then `actor` is `cli:<os user>`). */
    actorUserId: text().references(() => users.id, { onDelete: "set null" }),
    /** The user's email, or `cli:<os user>`: kept as it was when the action happened. */
    actor: text().notNull(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_events_workspace_created_idx").on(t.workspaceId, t.createdAt)],
);

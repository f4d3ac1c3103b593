import { deleteRepository, type Repository, updateRepository } from "@suture/db";
import { z } from "zod";
import { auditAdminChange } from "../audit/audit-admin-change.ts";
import { can, type WorkspaceScope } from "../auth/roles.ts";
import { getDb } from "../database.ts";
import { connectRepository } from "../fixes/connect-repository.ts";
import { codeMappingLines } from "./code-mapping-lines.ts";

/** A repository as the settings form sends it: code mappings as `stackRoot=sourceRoot` lines. */
export const repositoryFormInput = z.object({
  /** Absent: connect a new one. */
  id: z.union([z.uuid({ error: "not a repository id" }), z.literal("")]).default(""),
  repository: z
    .string()
    .trim()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'repository must be "owner/name"'),
  cloneUrl: z
    .string()
    .trim()
    .refine((v) => v === "" || /^(https:\/\/|git@|ssh:\/\/|file:\/\/|\/)/.test(v), {
      error: "clone URL must start with https://, ssh://, git@, file:// or /",
    })
    .default(""),
  defaultBranch: z
    .string()
    .trim()
    .min(1, "default branch is required")
    .regex(/^[\w./-]+$/, "default branch has characters a branch name cannot have"),
  codeMappings: codeMappingLines,
  testCommand: z.string().trim().max(500, "test command is at most 500 characters").default(""),
});

export const removeRepositoryInput = z.object({ id: z.uuid({ error: "not a repository id" }) });

export type RepositoryChangeResult =
  | { status: "saved"; repository: Repository; created: boolean }
  | { status: "removed"; repository: Repository }
  | { status: "forbidden" | "not_found" | "invalid"; error: string };

/** Connects a repository to the workspace, or changes one it has. Audit-logged; admins only. */
export async function saveRepository(
  scope: WorkspaceScope,
  input: z.infer<typeof repositoryFormInput>,
): Promise<RepositoryChangeResult> {
  if (!can(scope.role, "admin")) return { status: "forbidden", error: "only admins manage repositories" };
  const [owner = "", name = ""] = input.repository.split("/");
  const fields = {
    owner,
    name,
    cloneUrl: input.cloneUrl || `https://github.com/${owner}/${name}.git`,
    defaultBranch: input.defaultBranch,
    codeMappings: input.codeMappings,
    testCommand: input.testCommand || null,
  };
  const db = await getDb();
  if (!input.id) {
    const connected = await connectRepository({
      workspace: scope.slug,
      repository: input.repository,
      cloneUrl: fields.cloneUrl,
      defaultBranch: fields.defaultBranch,
      testCommand: fields.testCommand ?? undefined,
      codeMappings: fields.codeMappings,
    });
    if (connected.status !== "connected") return connected;
    await auditAdminChange(db, scope, repositoryAudit("repository.connected", connected.repository));
    return { status: "saved", repository: connected.repository, created: true };
  }
  const { id } = input;
  try {
    const updated = await db.transaction(async (tx) => {
      const row = await updateRepository(tx, { workspaceId: scope.workspaceId, id, values: fields });
      if (row) await auditAdminChange(tx, scope, repositoryAudit("repository.updated", row));
      return row;
    });
    if (!updated) return { status: "not_found", error: "no such repository in this workspace" };
    return { status: "saved", repository: updated, created: false };
  } catch (error) {
    if (isUniqueViolation(error)) return { status: "invalid", error: `${input.repository} is already connected` };
    throw error;
  }
}

/** Disconnects one of the workspace's repositories. Audit-logged; admins only. */
export async function removeRepository(
  scope: WorkspaceScope,
  input: z.infer<typeof removeRepositoryInput>,
): Promise<RepositoryChangeResult> {
  if (!can(scope.role, "admin")) return { status: "forbidden", error: "only admins manage repositories" };
  const db = await getDb();
  const removed = await db.transaction(async (tx) => {
    const row = await deleteRepository(tx, { workspaceId: scope.workspaceId, id: input.id });
    if (row) await auditAdminChange(tx, scope, repositoryAudit("repository.removed", row));
    return row;
  });
  return removed
    ? { status: "removed", repository: removed }
    : { status: "not_found", error: "no such repository in this workspace" };
}

function repositoryAudit(action: string, repository: Repository) {
  return {
    action,
    targetType: "repository",
    targetId: `${repository.owner}/${repository.name}`,
    data: {
      defaultBranch: repository.defaultBranch,
      codeMappings: repository.codeMappings.length,
      testCommand: repository.testCommand,
    },
  };
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ("code" in e && e.code === "23505") return true;
  }
  return false;
}

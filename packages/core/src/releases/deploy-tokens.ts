import { createHash, randomBytes } from "node:crypto";
import { getWorkspaceBySlug, insertDeployToken, useDeployToken } from "@suture/db";
import type { Actor } from "../auth/roles.ts";
import { getDb } from "../database.ts";

const PREFIX = "sdt_";

export type CreatedDeployToken =
  | { status: "created"; token: string; id: string; prefix: string; workspaceId: string }
  | { status: "not_found"; error: string };

/**
 * A new deploy token for a workspace: 32 random bytes, returned once; only its SHA-256 is stored.
 * CI posts deployments with it (`Authorization: Bearer sdt_…`).
 */
export async function createDeployToken(
  input: { workspace: string; name?: string },
  actor: Actor,
): Promise<CreatedDeployToken> {
  const db = await getDb();
  const workspace = await getWorkspaceBySlug(db, { slug: input.workspace });
  if (!workspace) return { status: "not_found", error: `no workspace "${input.workspace}"` };
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const prefix = token.slice(0, PREFIX.length + 6);
  const row = await insertDeployToken(db, {
    workspaceId: workspace.id,
    name: input.name?.trim() || "deploys",
    prefix,
    tokenHash: hashToken(token),
    createdBy: actor.label,
  });
  return { status: "created", token, id: row.id, prefix, workspaceId: workspace.id };
}

/**
 * The workspace an `Authorization` header's deploy token belongs to, or null for a missing,
 * malformed, unknown or revoked one. Only the token's hash meets the database.
 */
export async function authenticateDeployToken(authorization: string | null): Promise<{ workspaceId: string } | null> {
  const match = /^Bearer (sdt_[A-Za-z0-9_-]{43})$/.exec(authorization?.trim() ?? "");
  if (!match?.[1]) return null;
  const row = await useDeployToken(await getDb(), { tokenHash: hashToken(match[1]) });
  return row ? { workspaceId: row.workspaceId } : null;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

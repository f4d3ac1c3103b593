import { type FixRunListCursor, listWorkspaceFixRunPage } from "@suture/db";
import type { FixRunStatus } from "@suture/db/schema";
import { z } from "zod";
import type { WorkspaceScope } from "../auth/roles.ts";
import { getDb } from "../database.ts";
import { safePullRequestUrl } from "../links/safe-https-url.ts";

/** The groups the runs list filters by, each the statuses it holds. */
export const FIX_RUN_GROUPS = {
  awaiting: ["awaiting_approval"],
  active: ["approved", "running", "root_cause", "solution", "coding"],
  pr_open: ["pr_open"],
  finished: ["merged", "closed", "rejected", "superseded"],
  failed: ["failed"],
} as const satisfies Record<string, readonly FixRunStatus[]>;
export type FixRunGroup = keyof typeof FIX_RUN_GROUPS;

export const FIX_RUN_PAGE_SIZE = 25;

export interface FixRunListItem {
  id: string;
  status: FixRunStatus;
  origin: "suture" | "seer";
  issue: { id: string; shortId: string | null; title: string | null };
  repository: string | null;
  branch: string | null;
  prNumber: number | null;
  /** Null unless an https: link on the configured GitHub (safe as an href). */
  prUrl: string | null;
  prState: string | null;
  reason: string | null;
  updatedAt: Date;
}

export interface FixRunList {
  runs: FixRunListItem[];
  /** The cursor of the next page, or null on the last one. */
  next: string | null;
}

const cursorShape = z.object({ updatedAt: z.iso.datetime({ offset: true }), id: z.uuid() });

/** Reads a cursor from the URL; anything that is not one of ours is the first page. */
export function parseFixRunCursor(value: string | undefined): FixRunListCursor | undefined {
  if (!value || value.length > 200) return undefined;
  const [updatedAt, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const parsed = cursorShape.safeParse({ updatedAt, id });
  return parsed.success ? parsed.data : undefined;
}

function formatCursor(cursor: FixRunListCursor): string {
  return Buffer.from(`${cursor.updatedAt}|${cursor.id}`, "utf8").toString("base64url");
}

export function isFixRunGroup(value: unknown): value is FixRunGroup {
  return typeof value === "string" && Object.hasOwn(FIX_RUN_GROUPS, value);
}

/** A page of the scope's workspace's runs, most recently updated first, optionally of one group. */
export async function listFixRuns(
  scope: WorkspaceScope,
  options: { group?: FixRunGroup; cursor?: string; limit?: number } = {},
): Promise<FixRunList> {
  const limit = options.limit ?? FIX_RUN_PAGE_SIZE;
  const rows = await listWorkspaceFixRunPage(await getDb(), {
    workspaceId: scope.workspaceId,
    statuses: options.group ? FIX_RUN_GROUPS[options.group] : undefined,
    after: parseFixRunCursor(options.cursor),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    runs: page.map((row) => ({
      id: row.id,
      status: row.status,
      origin: row.origin,
      issue: { id: row.issueId, shortId: row.issueShortId, title: row.issueTitle },
      repository: row.repositoryOwner && row.repositoryName ? `${row.repositoryOwner}/${row.repositoryName}` : null,
      branch: row.branch,
      prNumber: row.prNumber,
      prUrl: safePullRequestUrl(row.prUrl),
      prState: row.prState,
      reason: row.reason,
      updatedAt: row.updatedAt,
    })),
    next: rows.length > limit && last ? formatCursor({ updatedAt: last.cursorAt, id: last.id }) : null,
  };
}

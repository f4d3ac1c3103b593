// GET /api/workspaces/<workspace>/runs/<id>/log?after=<seq> — the agent's output after a cursor.
import { headers } from "next/headers";
import { NextResponse } from "next/server";
import { getFixRunLog, getSessionUser, loadWorkspaceScope } from "@suture/core";

export const dynamic = "force-dynamic";

const NOT_FOUND = { error: "not found" };

export async function GET(
  request: Request,
  { params }: { params: Promise<{ workspace: string; id: string }> },
): Promise<NextResponse> {
  const user = await getSessionUser(await headers());
  if (!user) return NextResponse.json({ error: "sign in first" }, { status: 401 });
  const { workspace, id } = await params;
  const slug = safeDecode(workspace);
  const scope = slug === null ? null : await loadWorkspaceScope(user, slug);
  if (!scope) return NextResponse.json(NOT_FOUND, { status: 404 });
  const after = Number(new URL(request.url).searchParams.get("after") ?? 0);
  const log = await getFixRunLog(scope, id, Number.isSafeInteger(after) ? after : 0);
  if (log.status === "not_found") return NextResponse.json(NOT_FOUND, { status: 404 });
  return NextResponse.json(
    { runStatus: log.runStatus, lines: log.lines, cursor: log.cursor },
    { headers: { "cache-control": "no-store" } },
  );
}

/** A malformed escape in the URL is a workspace that does not exist, not an error. */
function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

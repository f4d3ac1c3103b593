import { afterAll, describe, expect, it } from "vitest";
import { appendFixRunEvent, ensureWorkspace, upsertSentryIssue } from "@suture/db";
import { fixRuns, type FixRunStatus } from "@suture/db/schema";
import { getFixRunLog, getFixRunPage, listFixRuns, type WorkspaceScope } from "@suture/core";
import { closeDb, getDb } from "@suture/core/database";

afterAll(() => closeDb());

async function workspaceScope(slug: string): Promise<WorkspaceScope> {
  const workspace = await ensureWorkspace(await getDb(), { slug });
  return {
    workspaceId: workspace.id,
    slug: workspace.slug,
    name: workspace.name,
    role: "viewer",
    user: { id: `u-${slug}`, email: `${slug}@example.com`, name: slug },
  };
}

/** A run of the workspace (Seer origin, so no one-active-run-per-issue constraint), updated at `updatedAt`. */
async function seedRun(scope: WorkspaceScope, n: number, status: FixRunStatus, updatedAt: Date): Promise<string> {
  const db = await getDb();
  const issueId = await upsertSentryIssue(db, {
    workspaceId: scope.workspaceId,
    sentryIssueId: `${scope.slug}-${n}`,
    shortId: `${scope.slug.toUpperCase()}-${n}`,
    title: `Issue ${n}`,
  });
  const [run] = await db
    .insert(fixRuns)
    .values({ workspaceId: scope.workspaceId, sentryIssueId: issueId, origin: "seer", status, updatedAt })
    .returning({ id: fixRuns.id });
  if (!run) throw new Error("no run inserted");
  return run.id;
}

describe("the runs list", () => {
  it("pages through a workspace's runs newest first, by status group, never showing another workspace's", async () => {
    const scope = await workspaceScope("runs-list");
    const other = await workspaceScope("runs-list-other");
    const base = Date.UTC(2026, 0, 1);
    const statuses: FixRunStatus[] = ["failed", "pr_open", "merged", "awaiting_approval", "root_cause"];
    const ids: string[] = [];
    // Seven runs share one timestamp, so the id decides their order across pages.
    for (let i = 0; i < 12; i++) {
      const status = statuses[i % statuses.length] ?? "failed";
      ids.push(await seedRun(scope, i, status, new Date(base + (i < 7 ? 0 : i) * 1000)));
    }
    await seedRun(other, 0, "failed", new Date(base + 99_000));

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const list = await listFixRuns(scope, { cursor, limit: 5 });
      seen.push(...list.runs.map((run) => run.id));
      expect(list.runs.length).toBeLessThanOrEqual(5);
      if (!list.next) break;
      cursor = list.next;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen)).toEqual(new Set(ids));
    const first = await listFixRuns(scope, { limit: 3 });
    expect(first.runs.map((run) => run.issue.title)).toEqual(["Issue 11", "Issue 10", "Issue 9"]);
    expect(first.runs[0]?.issue.shortId).toBe("RUNS-LIST-11");

    const failed = await listFixRuns(scope, { group: "failed" });
    expect(failed.runs.map((run) => run.status)).toEqual(["failed", "failed", "failed"]);
    expect(failed.next).toBeNull();
    const active = await listFixRuns(scope, { group: "active" });
    expect(active.runs.every((run) => run.status === "root_cause")).toBe(true);
    expect(active.runs).toHaveLength(2);

    // A cursor that is not one of ours is the first page.
    expect((await listFixRuns(scope, { cursor: "not-a-cursor", limit: 3 })).runs).toEqual(first.runs);
    expect((await listFixRuns(other, {})).runs.map((run) => run.issue.shortId)).toEqual(["RUNS-LIST-OTHER-0"]);
  });
});

describe("the live agent log", () => {
  it("returns only agent output after the cursor, only to the run's workspace", async () => {
    const scope = await workspaceScope("runs-log");
    const other = await workspaceScope("runs-log-other");
    const runId = await seedRun(scope, 1, "running", new Date());
    const db = await getDb();
    const append = (kind: "agent_output" | "started" | "test_output", message: string) =>
      appendFixRunEvent(db, { fixRunId: runId, event: { kind, message } });
    await append("started", "Started.");
    const one = await append("agent_output", "reading src/cart.ts\n");
    await append("test_output", "not the agent's\n");
    await append("agent_output", "editing src/cart.ts\n");

    const all = await getFixRunLog(scope, runId);
    if (all.status !== "found") throw new Error("not found");
    expect(all.runStatus).toBe("running");
    expect(all.lines.map((line) => line.text)).toEqual(["reading src/cart.ts\n", "editing src/cart.ts\n"]);
    const later = await getFixRunLog(scope, runId, one.seq);
    if (later.status !== "found") throw new Error("not found");
    expect(later.lines.map((line) => line.text)).toEqual(["editing src/cart.ts\n"]);
    expect(later.cursor).toBe(all.cursor);
    const none = await getFixRunLog(scope, runId, all.cursor);
    expect(none).toMatchObject({ status: "found", lines: [], cursor: all.cursor });

    expect(await getFixRunLog(other, runId)).toEqual({ status: "not_found" });
    expect(await getFixRunLog(scope, "not-a-uuid")).toEqual({ status: "not_found" });

    // The page keeps output out of the timeline and hands the log with its cursor.
    const page = await getFixRunPage(scope, runId);
    if (page.status !== "found") throw new Error("not found");
    expect(page.events.map((event) => event.kind)).toEqual(["started"]);
    expect(page.log.map((line) => line.text).join("")).toBe("reading src/cart.ts\nediting src/cart.ts\n");
    expect(page.logCursor).toBe(all.cursor);
  });
});

import { afterAll, describe, expect, it, vi } from "vitest";

// No Sentry API settings: every Sentry-side action must say what is missing, never throw.
vi.stubEnv("SENTRY_AUTH_TOKEN", "");
vi.stubEnv("SENTRY_ORG", "");
vi.stubEnv("SUTURE_RESOLVE_ON_MERGE", "");
const { sentryApi, resolveMergedIssue, linkSentryIssue, dispatchViaSeer } = await import("@suture/core");
const { getDb, closeDb } = await import("@suture/core/database");
const db = await import("@suture/db");

afterAll(() => closeDb());

async function run(status: "approved" | "pr_open" | "merged", sentryIssueId: string) {
  const handle = await getDb();
  const workspace = await db.ensureWorkspace(handle, { slug: "default" });
  const issueId = await db.upsertSentryIssue(handle, { workspaceId: workspace.id, sentryIssueId });
  return (await db.openFixRun(handle, { workspaceId: workspace.id, sentryIssueId: issueId, status }))!;
}

describe("without Sentry API settings", () => {
  it("has no client", () => {
    expect(sentryApi()).toBeNull();
  });

  it("leaves the issue open on merge and says which setting is missing", async () => {
    const merged = await run("merged", "10");
    expect(await resolveMergedIssue(merged.id)).toEqual({
      status: "skipped",
      reason: "SUTURE_RESOLVE_ON_MERGE is not set",
    });
    const events = await db.listFixRunEvents(await getDb(), { fixRunId: merged.id });
    expect(events.map((e) => [e.kind, e.message])).toEqual([
      ["sentry_resolve_skipped", "Sentry issue left open: SUTURE_RESOLVE_ON_MERGE is not set"],
    ]);
    expect(await resolveMergedIssue("00000000-0000-4000-8000-000000000000")).toMatchObject({ status: "not_found" });
  });

  it("skips the PR link", async () => {
    const open = await run("pr_open", "11");
    expect(await linkSentryIssue(open, "https://github.com/acme/web/pull/1", 1)).toEqual({
      status: "skipped",
      reason: "SENTRY_AUTH_TOKEN and SENTRY_ORG are not set",
    });
  });

  it("fails a Seer dispatch with the reason instead of leaving it running", async () => {
    const approved = await run("approved", "12");
    await db.updateWorkspacePolicy(await getDb(), {
      workspaceId: approved.workspaceId,
      values: { dispatchViaSeer: true },
    });
    const reason = "Cannot dispatch via Seer: SENTRY_AUTH_TOKEN and SENTRY_ORG are not set";
    expect(await dispatchViaSeer(approved.id)).toEqual({ status: "failed", error: reason });
    expect(await db.getFixRun(await getDb(), { id: approved.id })).toMatchObject({
      status: "failed",
      reason,
      seerRunId: null,
    });
    expect(await dispatchViaSeer(approved.id)).toEqual({ status: "skipped", reason: "the run is failed" });
  });
});

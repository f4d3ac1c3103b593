import { afterAll, describe, expect, it, vi } from "vitest";
import { checkSuitePayload, pullRequestPayload } from "./github-deliveries.ts";
import {
  closeHarness,
  core,
  db,
  deliver,
  github,
  openRun,
  runNow,
  sent,
  stopExecutor,
  timeline,
  getDb,
} from "./github-harness.ts";
import { log } from "../src/observability/log.ts";

afterAll(() => closeHarness());

const merged = { state: "closed", merged: true, merged_at: "2026-02-01T10:00:00Z" };

describe("GitHub deliveries → fix runs", () => {
  it("a merged PR makes its run merged, once, and announces fix/merged", async () => {
    const { run, at, workspaceId } = await openRun();
    const outcome = await deliver("pull_request", pullRequestPayload("closed", at, merged));
    expect(outcome).toMatchObject({
      status: "processed",
      runs: [{ fixRunId: run.id, status: "merged", changes: ["pr_merged"] }],
    });
    expect(await runNow(run.id)).toMatchObject({
      status: "merged",
      prState: "merged",
      reason: "its pull request was merged",
      finishedAt: expect.any(Date),
    });
    expect(sent.filter((e) => e.name === "fix/merged")).toEqual([
      expect.objectContaining({ id: `fix-merged-${run.id}`, data: { fixRunId: run.id, workspaceId } }),
    ]);
    // The same news again (GitHub redelivers with a new GUID) changes and announces nothing.
    expect(await deliver("pull_request", pullRequestPayload("closed", at, merged))).toMatchObject({
      status: "processed",
      runs: [{ changes: [] }],
    });
    expect(await timeline(run.id)).toEqual(["pr_merged"]);
    expect(sent.filter((e) => e.name === "fix/merged")).toHaveLength(1);
  });

  it("a PR closed unmerged closes the run, so the issue may be dispatched again; reopening restores it", async () => {
    const { run, at } = await openRun();
    await deliver("pull_request", pullRequestPayload("closed", at, { state: "closed" }));
    expect(await runNow(run.id)).toMatchObject({
      status: "closed",
      prState: "closed",
      reason: "its pull request was closed without merging",
    });
    await deliver("pull_request", pullRequestPayload("reopened", at, { draft: false }));
    expect(await runNow(run.id)).toMatchObject({ status: "pr_open", prState: "open", reason: null, finishedAt: null });
    expect(await timeline(run.id)).toEqual(["pr_closed", "pr_reopened"]);
  });

  it("a reopened PR leaves its run closed when the issue has a newer active run", async () => {
    const { run, at, sentryIssueId, workspaceId } = await openRun();
    await deliver("pull_request", pullRequestPayload("closed", at, { state: "closed" }));
    const handle = await getDb();
    const { openFixRun } = await import("@suture/db");
    expect(await openFixRun(handle, { workspaceId, sentryIssueId, status: "awaiting_approval" })).toBeDefined();
    await deliver("pull_request", pullRequestPayload("reopened", at, { draft: false }));
    expect(await runNow(run.id)).toMatchObject({ status: "closed", prState: "open" });
  });

  it("records failing checks, and a passing suite of the same commit does not hide them", async () => {
    const { run, at } = await openRun();
    await deliver("check_suite", checkSuitePayload(at, "failure"));
    expect(await runNow(run.id)).toMatchObject({ status: "pr_open", checksState: "failure" });
    await deliver("check_suite", checkSuitePayload(at, "success"));
    expect((await runNow(run.id)).checksState).toBe("failure");
    // A push starts over: the new commit's checks decide.
    const pushed = { ...at, sha: "f".repeat(40) };
    await deliver("pull_request", pullRequestPayload("synchronize", pushed));
    expect(await runNow(run.id)).toMatchObject({ headSha: pushed.sha, checksState: null });
    await deliver("check_suite", checkSuitePayload({ ...pushed, number: undefined }, "success"));
    expect((await runNow(run.id)).checksState).toBe("success");
    expect(await timeline(run.id)).toEqual(["pr_checks", "pr_pushed", "pr_checks"]);
  });

  it("records reviews and ready-for-review", async () => {
    const { run, at } = await openRun();
    await deliver("pull_request", pullRequestPayload("ready_for_review", at, { draft: false }));
    await deliver("pull_request_review", {
      action: "submitted",
      review: { state: "changes_requested", commit_id: at.sha },
      ...pick(pullRequestPayload("x", at)),
    });
    expect(await runNow(run.id)).toMatchObject({ prState: "open", reviewState: "changes_requested" });
    expect(await timeline(run.id)).toEqual(["pr_ready", "review"]);
  });

  it("ignores deliveries about PRs no run opened, and fails malformed ones with the reason", async () => {
    const { at } = await openRun();
    const stranger = { ...at, number: 9999, branch: "feature/x", sha: "e".repeat(40) };
    expect(await deliver("pull_request", pullRequestPayload("closed", stranger, merged))).toMatchObject({
      status: "ignored",
      reason: `no fix run matches acme/${at.repo} PR #9999, branch feature/x, commit eeeeeee`,
    });
    expect(
      await deliver("pull_request", { action: "closed", repository: { name: at.repo, owner: { login: "acme" } } }),
    ).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/^pull_request\.closed payload is malformed: pull_request: /),
    });
  });

  it.each([
    ["an old closed PR, the new PR recorded", { status: "closed", prNumber: 3, prState: "closed" }, 9],
    ["an old closed PR, the new PR not recorded yet", { status: "closed", prNumber: 3, prState: "closed" }, null],
    ["an old run that failed before opening its PR", { status: "failed", prNumber: null, prState: null }, null],
  ] as const)("a reused branch, %s: the new PR's merge reaches only the new run", async (_label, old, freshPr) => {
    const { run, at, workspaceId, sentryIssueId } = await openRun();
    const handle = await getDb();
    const before = await db.transitionFixRun(handle, {
      id: run.id,
      from: ["pr_open"],
      to: old.status,
      fields: {
        prNumber: old.prNumber,
        prState: old.prState,
      },
    });
    const fresh = await db.openFixRun(handle, {
      workspaceId,
      sentryIssueId,
      repositoryId: run.repositoryId,
      status: "pr_open",
      branch: at.branch,
      prNumber: freshPr,
      createdAt: new Date(run.createdAt.getTime() + 1000),
    });
    const pr = { ...at, number: 9, sha: "9".repeat(40) };
    expect(await deliver("pull_request", pullRequestPayload("closed", pr, merged))).toMatchObject({
      runs: [{ fixRunId: fresh!.id, status: "merged" }],
    });
    expect(await runNow(fresh!.id)).toMatchObject({ status: "merged", prNumber: 9, prState: "merged" });
    expect(await runNow(run.id)).toEqual(before);
    expect(await timeline(run.id)).toEqual([]);
  });
});

describe("reconcileOpenPullRequests", () => {
  it("flips an open run to merged from what GitHub reports, and keeps going past a missing PR", async () => {
    const open = await openRun();
    const gone = await openRun();
    github.setPull(open.at.owner, open.at.repo, open.at.number, {
      head: { ref: open.at.branch, sha: open.at.sha },
      draft: true,
    });
    github.setReviews(open.at.owner, open.at.repo, open.at.number, [{ state: "APPROVED" }]);
    github.setChecks(open.at.sha, { checkRuns: [{ name: "test", status: "completed", conclusion: "success" }] });

    const first = await core.reconcileOpenPullRequests();
    // Earlier tests left other runs open on PRs the double never heard of: each is reported, none stops the rest.
    expect(first).toMatchObject({
      status: "reconciled",
      changed: [open.run.id],
      failed: expect.arrayContaining([{ fixRunId: gone.run.id, error: "Not Found" }]),
    });
    expect(await runNow(open.run.id)).toMatchObject({
      status: "pr_open",
      reviewState: "approved",
      checksState: "success",
    });

    github.setPull(open.at.owner, open.at.repo, open.at.number, { merged: true });
    await core.reconcileOpenPullRequests();
    expect(await runNow(open.run.id)).toMatchObject({ status: "merged", prState: "merged" });
    expect(await timeline(open.run.id)).toEqual(["review", "pr_checks", "pr_merged"]);
    expect(sent.filter((e) => e.id === `fix-merged-${open.run.id}`)).toHaveLength(1);
    const asked = github.requests.filter((r) =>
      r.path.startsWith(`/repos/acme/${open.at.repo}/pulls/${open.at.number}`),
    );
    expect(asked.every((r) => r.authorization === "token ghp_core_tests")).toBe(true);
  }, 60_000);
});

describe("with no executor running", () => {
  it("a merge still commits; the lost announcement is only logged", async () => {
    const { run, at } = await openRun();
    await stopExecutor();
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    expect(await deliver("pull_request", pullRequestPayload("closed", at, merged))).toMatchObject({
      status: "processed",
    });
    expect((await runNow(run.id)).status).toBe("merged");
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ fixRunId: run.id }), "could not announce the merge");
    warn.mockRestore();
  }, 60_000);
});

function pick(payload: Record<string, unknown>) {
  return { pull_request: payload.pull_request, repository: payload.repository };
}

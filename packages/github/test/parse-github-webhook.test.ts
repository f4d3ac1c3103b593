import { describe, expect, it } from "vitest";
import { GithubPayloadError, parseGithubWebhook } from "../src/index.ts";
import { checkRun, checkSuite, HEAD, OTHER, pullRequest, repository, review, status } from "./payloads.ts";

const at = { owner: "acme", repo: "checkout-api", prNumber: 12, branch: "fix/sentry-CHECKOUT-1", headSha: HEAD };

describe("parseGithubWebhook", () => {
  it.each([
    ["pull_request", pullRequest("opened", { draft: true }), { action: "opened", prState: "draft" }],
    ["pull_request", pullRequest("opened"), { prState: "open" }],
    ["pull_request", pullRequest("ready_for_review"), { action: "ready_for_review", prState: "open" }],
    ["pull_request", pullRequest("converted_to_draft", { draft: true }), { prState: "draft" }],
    [
      "pull_request",
      pullRequest("closed", { state: "closed", merged: true, merged_at: "2026-01-01T00:00:00Z" }),
      { prState: "merged" },
    ],
    ["pull_request", pullRequest("closed", { state: "closed" }), { action: "closed", prState: "closed" }],
    ["pull_request", pullRequest("reopened", { draft: true }), { prState: "draft" }],
    [
      "pull_request",
      pullRequest("synchronize", { head: { ref: "fix/sentry-CHECKOUT-1", sha: OTHER } }),
      { headSha: OTHER, prState: "open" },
    ],
    ["pull_request_review", review("submitted", "approved"), { event: "pull_request_review", reviewState: "approved" }],
    ["pull_request_review", review("submitted", "CHANGES_REQUESTED"), { reviewState: "changes_requested" }],
    ["pull_request_review", review("submitted", "commented"), { reviewState: "commented" }],
    ["pull_request_review", review("dismissed", "dismissed"), { action: "dismissed", reviewState: "dismissed" }],
    ["check_suite", checkSuite("completed"), { checksState: "success" }],
    ["check_suite", checkSuite("completed", { conclusion: "timed_out" }), { checksState: "failure" }],
    ["check_suite", checkSuite("completed", { conclusion: "neutral" }), { checksState: "success" }],
    ["check_run", checkRun("created", { status: "queued", conclusion: null }), { checksState: "pending" }],
    ["check_run", checkRun("completed"), { checksState: "failure" }],
    ["check_run", checkRun("completed", { conclusion: "cancelled" }), { checksState: "failure" }],
    ["status", status("pending"), { action: "", checksState: "pending", prNumber: null }],
    ["status", status("error"), { checksState: "failure", prNumber: null, branch: "fix/sentry-CHECKOUT-1" }],
    ["status", status("success"), { checksState: "success", prNumber: null }],
  ])("%s %# reads as an update", (event, payload, expected) => {
    expect(parseGithubWebhook(event, payload)).toEqual(expect.objectContaining({ event, ...at, ...expected }));
  });

  it("leaves success out of a single check run: the suite reports the verdict", () => {
    const update = parseGithubWebhook("check_run", checkRun("completed", { conclusion: "success" }));
    expect(update).not.toHaveProperty("checksState");
    expect(update).toMatchObject({ prNumber: 12, headSha: HEAD });
  });

  it.each([
    [
      "check_suite",
      checkSuite("completed", { pull_requests: [] }),
      { prNumber: null, branch: "fix/sentry-CHECKOUT-1", headSha: HEAD },
    ],
    [
      "check_run",
      checkRun("completed", { pull_requests: [], check_suite: { head_branch: null } }),
      { prNumber: null, branch: null, headSha: HEAD },
    ],
    [
      "status",
      status("success", [{ name: "main", commit: { sha: OTHER } }]),
      { prNumber: null, branch: null, headSha: HEAD },
    ],
  ])("falls back to the branch and commit when %s names no pull request", (event, payload, expected) => {
    expect(parseGithubWebhook(event, payload)).toMatchObject(expected);
  });

  it.each([
    ["ping", { zen: "Keep it logically awesome.", hook_id: 1, repository }, /ping/],
    ["push", { ref: "refs/heads/main", repository }, /push events are not followed/],
    ["pull_request", pullRequest("labeled"), /pull_request\.labeled changes nothing/],
    ["pull_request_review", review("edited", "approved"), /pull_request_review\.edited/],
    ["check_suite", checkSuite("requested"), /check_suite\.requested/],
    ["check_run", checkRun("rerequested"), /check_run\.rerequested/],
  ])("ignores %s it does not follow", (event, payload, reason) => {
    const result = parseGithubWebhook(event, payload);
    expect(result).toEqual({ ignored: expect.stringMatching(reason) });
  });

  it.each([
    ["pull_request", [1, 2], /expected a JSON object/],
    ["pull_request", null, /expected a JSON object/],
    ["pull_request", { ...pullRequest("opened"), action: 3 }, /action: expected a string/],
    ["pull_request", { action: "closed", repository }, /pull_request\.closed payload is malformed: pull_request: /],
    [
      "pull_request",
      pullRequest("opened", { head: { ref: "x", sha: "abc" } }),
      /pull_request\.head\.sha: expected a 40-character commit SHA/,
    ],
    ["pull_request", pullRequest("opened", { number: "12" }), /pull_request\.number: /],
    ["pull_request", { ...pullRequest("opened"), repository: { name: "x" } }, /repository\.owner: /],
    ["pull_request_review", review("submitted", "pending-ish"), /review\.state: unknown state "pending-ish"/],
    ["check_suite", checkSuite("completed", { pull_requests: "none" }), /check_suite\.pull_requests: /],
    ["check_run", checkRun("completed", { head_sha: null }), /check_run\.head_sha: /],
    ["status", { ...status("success"), state: "weird" }, /^status payload is malformed: state: /],
  ])("throws GithubPayloadError for a malformed %s (%#)", (event, payload, message) => {
    let thrown: unknown;
    try {
      parseGithubWebhook(event, payload);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GithubPayloadError);
    expect((thrown as GithubPayloadError).event).toBe(event);
    expect((thrown as Error).message).toMatch(message);
  });
});

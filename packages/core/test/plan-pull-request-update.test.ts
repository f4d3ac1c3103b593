import type { GithubUpdate } from "@suture/github";
import { describe, expect, it } from "vitest";
import { planPullRequestUpdate } from "../src/pull-requests/plan-pull-request-update.ts";

const A = "a".repeat(40);
const B = "b".repeat(40);
const run = {
  status: "pr_open",
  prNumber: 7,
  prState: "draft",
  reviewState: null,
  checksState: null,
  headSha: A,
} as const;
const update = (u: Partial<GithubUpdate>): GithubUpdate => ({
  event: "e",
  action: "a",
  owner: "o",
  repo: "r",
  prNumber: 7,
  branch: "fix/x",
  headSha: A,
  ...u,
});

describe("planPullRequestUpdate", () => {
  it.each([
    [
      "merge of an open run",
      {},
      { prState: "merged" },
      false,
      { transition: "merged", fields: { prState: "merged" }, events: [] },
    ],
    ["merge of a closed run", { status: "closed" }, { prState: "merged" }, false, { transition: null }],
    ["close of an open run", {}, { prState: "closed" }, false, { transition: "closed", fields: { prState: "closed" } }],
    [
      "reopen of a closed run",
      { status: "closed", prState: "closed" },
      { prState: "open" },
      false,
      { transition: "reopen" },
    ],
    [
      "ready for review",
      {},
      { prState: "open" },
      false,
      { transition: null, events: [{ kind: "pr_ready", message: "Pull request #7 was marked ready for review" }] },
    ],
    [
      "back to draft",
      { prState: "open" },
      { prState: "draft" },
      false,
      { events: [{ kind: "pr_draft", message: "Pull request #7 was turned back into a draft" }] },
    ],
    ["the same state again", {}, { prState: "draft" }, false, { transition: null, fields: {}, events: [] }],
    [
      "a push",
      { checksState: "failure" },
      { prState: "draft", headSha: B },
      false,
      { fields: { headSha: B, checksState: null }, events: [{ kind: "pr_pushed" }] },
    ],
    [
      "an approval",
      {},
      { reviewState: "approved" },
      false,
      {
        fields: { reviewState: "approved" },
        events: [{ kind: "review", message: "A reviewer approved pull request #7" }],
      },
    ],
    [
      "a comment after an approval",
      { reviewState: "approved" },
      { reviewState: "commented" },
      false,
      { fields: {}, events: [] },
    ],
    [
      "a comment after an approval, polled",
      { reviewState: "approved" },
      { reviewState: "commented" },
      true,
      { fields: { reviewState: "commented" } },
    ],
    [
      "failing checks",
      {},
      { checksState: "failure" },
      false,
      {
        fields: { checksState: "failure" },
        events: [{ kind: "pr_checks", message: "Checks failed on pull request #7 (aaaaaaa)" }],
      },
    ],
    [
      "a passing suite after a failing one",
      { checksState: "failure" },
      { checksState: "success" },
      false,
      { fields: {}, events: [] },
    ],
    [
      "passing checks after a failure, polled",
      { checksState: "failure" },
      { checksState: "success" },
      true,
      { fields: { checksState: "success" } },
    ],
    ["checks of an older commit", {}, { checksState: "failure", headSha: B }, false, { fields: {}, events: [] }],
    [
      "checks when the head is unknown",
      { headSha: null },
      { checksState: "pending", headSha: B },
      false,
      { fields: { headSha: B, checksState: "pending" } },
    ],
    ["a PR number found by branch", { prNumber: null }, { prNumber: 9 }, false, { fields: { prNumber: 9 } }],
  ] as const)("%s", (_label, runPatch, u, authoritative, expected) => {
    const plan = planPullRequestUpdate({ ...run, ...runPatch }, update(u), authoritative);
    expect(plan).toMatchObject(expected);
    // toMatchObject would let `fields: {}` match anything: what is written must be exactly this.
    if ("fields" in expected) expect(plan.fields).toEqual(expected.fields);
  });
});

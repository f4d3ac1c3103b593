import { describe, expect, it } from "vitest";
import { combineChecks, latestReviewState } from "../src/index.ts";
import { checkState, prStateOf, statusState } from "../src/github-states.ts";

describe("github states", () => {
  it.each([
    [{ state: "open", draft: true, merged: false }, "draft"],
    [{ state: "open", draft: false, merged: false }, "open"],
    [{ state: "closed", draft: false, merged: false }, "closed"],
    [{ state: "closed", draft: false, merged: true }, "merged"],
    [{ state: "closed", merged_at: "2026-01-01T00:00:00Z" }, "merged"],
  ])("pull %j is %s", (pull, expected) => expect(prStateOf(pull)).toBe(expected));

  it.each([
    ["queued", null, "pending"],
    ["in_progress", null, "pending"],
    ["completed", "success", "success"],
    ["completed", "neutral", "success"],
    ["completed", "skipped", "success"],
    ["completed", "failure", "failure"],
    ["completed", "timed_out", "failure"],
    ["completed", "cancelled", "failure"],
    ["completed", "action_required", "failure"],
    ["completed", "stale", "pending"],
  ])("check %s/%s is %s", (status, conclusion, expected) => expect(checkState(status, conclusion)).toBe(expected));

  it.each([
    ["success", "success"],
    ["pending", "pending"],
    ["failure", "failure"],
    ["error", "failure"],
  ])("commit status %s is %s", (state, expected) => expect(statusState(state)).toBe(expected));

  it.each([
    [[], null],
    [["success", "success"], "success"],
    [["success", "pending"], "pending"],
    [["pending", "failure", "success"], "failure"],
  ] as const)("checks %j combine to %s", (states, expected) => expect(combineChecks(states)).toBe(expected));

  const at = (minute: number) => `2026-01-01T00:${String(minute).padStart(2, "0")}:00Z`;
  it.each([
    [[], null],
    [[{ state: "PENDING" }], null],
    [[{ state: "COMMENTED", submitted_at: at(1) }], "commented"],
    [
      [
        { state: "APPROVED", submitted_at: at(1) },
        { state: "COMMENTED", submitted_at: at(2) },
      ],
      "approved",
    ],
    [
      [
        { state: "APPROVED", submitted_at: at(1) },
        { state: "CHANGES_REQUESTED", submitted_at: at(2) },
      ],
      "changes_requested",
    ],
    [
      [
        { state: "CHANGES_REQUESTED", submitted_at: at(3) },
        { state: "APPROVED", submitted_at: at(2) },
      ],
      "changes_requested",
    ],
    [
      [
        { state: "CHANGES_REQUESTED", submitted_at: at(1) },
        { state: "APPROVED", submitted_at: at(2) },
      ],
      "approved",
    ],
    [
      [
        { state: "APPROVED", submitted_at: at(1) },
        { state: "DISMISSED", submitted_at: at(2) },
      ],
      "dismissed",
    ],
  ])("reviews %j decide %s", (reviews, expected) => expect(latestReviewState(reviews)).toBe(expected));
});

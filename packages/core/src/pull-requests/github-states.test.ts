import * as db from "@suture/db/schema";
import * as github from "@suture/github";
import { describe, expect, it } from "vitest";

// @suture/github and @suture/db may not import each other, so each spells the states out; what
// GitHub reports must fit the columns it is stored in.
describe("pull request states", () => {
  it.each([
    ["PR_STATES", github.PR_STATES, db.PR_STATES],
    ["REVIEW_STATES", github.REVIEW_STATES, db.REVIEW_STATES],
    ["CHECKS_STATES", github.CHECKS_STATES, db.CHECKS_STATES],
  ])("%s are the same in @suture/github and the fix_runs columns", (_, fromGithub, columns) => {
    expect([...fromGithub].sort()).toEqual([...columns].sort());
  });
});

import { describe, expect, it } from "vitest";
import { suspectCommits } from "./suspects.ts";

const commit = (sha: string, files: string[]) => ({ sha, message: `change ${sha}`, author: "dev", url: null, files });

describe("suspectCommits", () => {
  const commits = [
    commit("a1", ["README.md"]),
    commit("b2", ["src/cart/total.ts", "src/cart/total.test.ts"]),
    commit("c3", ["src/api/checkout.ts"]),
  ];

  it("marks the commits that changed a frame's file, the crashing frame's first", () => {
    const suspects = suspectCommits(commits, ["src/api/checkout.ts", "src/cart/total.ts"]);
    expect(suspects.map((s) => [s.sha, s.touched])).toEqual([
      ["c3", ["src/api/checkout.ts"]],
      ["b2", ["src/cart/total.ts"]],
    ]);
  });

  it("matches a frame path that is a tail of the changed file at a folder boundary, never a bare file name", () => {
    expect(suspectCommits(commits, ["cart/total.ts"]).map((s) => s.sha)).toEqual(["b2"]);
    expect(suspectCommits(commits, ["total.ts"])).toEqual([]);
    expect(suspectCommits(commits, ["art/total.ts"])).toEqual([]);
  });

  it("finds none when no commit touched a frame's file", () => {
    expect(suspectCommits(commits, ["src/other.ts", ""])).toEqual([]);
    expect(suspectCommits([], ["src/api/checkout.ts"])).toEqual([]);
  });
});

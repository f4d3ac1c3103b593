import { describe, expect, it } from "vitest";
import { safeNext, signInUrl } from "./safe-next";

describe("safeNext", () => {
  it("keeps a path of this site", () => {
    expect(safeNext("/acme/runs/1?x=1")).toBe("/acme/runs/1?x=1");
  });

  it("refuses anything that could leave the site", () => {
    for (const next of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "",
      null,
      undefined,
    ]) {
      expect(safeNext(next)).toBe("/");
    }
  });

  it("makes the sign-in link", () => {
    expect(signInUrl("/acme")).toBe("/sign-in?next=%2Facme");
    expect(signInUrl("/")).toBe("/sign-in");
    expect(signInUrl("//evil.example")).toBe("/sign-in");
  });
});

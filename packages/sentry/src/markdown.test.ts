import { describe, expect, it } from "vitest";
import { block, code, facts, link } from "./markdown.ts";
import { title } from "./markers.ts";

describe("markdown helpers", () => {
  it.each([
    ["plain text", "main()", "`main()`"],
    ["a backtick inside", "a`b", "``a`b``"],
    ["a leading backtick", "`x", "`` `x ``"],
  ])("code() wraps %s", (_label, value, expected) => {
    expect(code(value)).toBe(expected);
  });

  it("block() uses a fence longer than any inside", () => {
    expect(block("```\nx\n```")).toBe("````\n```\nx\n```\n````");
  });

  it("facts() drops missing values", () => {
    expect(
      facts([
        ["A", 1],
        ["B", null],
        ["C", ""],
        ["D", "x"],
      ]),
    ).toBe("- A: 1\n- D: x");
  });

  it("link() escapes brackets in the label", () => {
    expect(link("a [b]", "https://x")).toBe("[a \\[b\\]](https://x)");
  });

  it("title() collapses whitespace and caps the length", () => {
    expect(title("🔴", "Error", "line one\n  line two")).toBe("🔴 Error: line one line two");
    expect(Array.from(title("🔴", "Error", "x".repeat(500)))).toHaveLength(200);
  });
});

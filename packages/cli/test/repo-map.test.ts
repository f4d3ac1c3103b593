import { describe, expect, it } from "vitest";
import { parseCodeMapping } from "../src/commands/repo.ts";

describe("suture repo add --map", () => {
  it.each([
    ["/app/=src/", { stackRoot: "/app/", sourceRoot: "src/" }],
    ["/app/=", { stackRoot: "/app/", sourceRoot: "" }],
    ["=src/main/java/", { stackRoot: "", sourceRoot: "src/main/java/" }],
    ["webpack:///./=web/", { stackRoot: "webpack:///./", sourceRoot: "web/" }],
  ])("reads %s", (text, mapping) => {
    expect(parseCodeMapping(text)).toEqual(mapping);
  });

  it.each(["/app/", "="])("refuses %s", (text) => {
    expect(() => parseCodeMapping(text)).toThrow("--map takes STACK_ROOT=SOURCE_ROOT");
  });
});

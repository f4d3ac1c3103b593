import { describe, expect, it } from "vitest";
import { CEL_ERROR, celMatches, compileCel } from "../src/cel.ts";

const event = { name: "app/x", data: { repo: "r1", n: 3, flag: true, nested: { "a-b": "dash" }, nothing: null } };
const match = (expr: string, vars: Record<string, unknown> = { event }) => celMatches(compileCel(expr), vars);

describe("CEL subset", () => {
  it("compares literals of every supported type", () => {
    expect(match('event.data.repo == "r1"')).toBe(true);
    expect(match("event.data.repo == 'r1'")).toBe(true);
    expect(match("event.data.n == 3 && event.data.n > 2 && event.data.n <= 3")).toBe(true);
    expect(match("event.data.n == -1 || event.data.flag == true")).toBe(true);
    expect(match("event.data.nothing == null")).toBe(true);
    expect(match('event.data.nested["a-b"] == "dash"')).toBe(true);
    expect(match('!(event.data.repo != "r1")')).toBe(true);
  });

  it("compares the trigger event with the incoming one", () => {
    const vars = { event, async: { data: { repository: "r1" } } };
    expect(match("event.data.repo == async.data.repository", vars)).toBe(true);
    expect(match("event.data.repo != async.data.repository", vars)).toBe(false);
  });

  it("treats a missing field as an error that never matches, absorbed by && / ||", () => {
    expect(match('event.data.missing == "x"')).toBe(false);
    expect(match('event.data.missing != "x"')).toBe(false);
    expect(match('event.data.missing == "x" || event.data.n == 3')).toBe(true);
    expect(match('event.data.n == 4 && event.data.missing == "x"')).toBe(false);
    expect(compileCel("event.data.missing.deeper")({ event })).toBe(CEL_ERROR);
  });

  it("evaluates a key expression to its value", () => {
    expect(compileCel("event.data.repo")({ event })).toBe("r1");
  });

  it("rejects anything outside the subset at compile time", () => {
    for (const bad of [
      "size(event.data.x) > 1",
      "event.data.tags.exists(t, t == 1)",
      "event.data.n + 1 == 2",
      "foo.bar == 1",
      'event.data.x == "open',
      "event.data. == 1",
      "event.data.n in [1]",
    ]) {
      expect(() => compileCel(bad), bad).toThrow(/unsupported expression/);
    }
    expect(() => compileCel("async.data.x == 1", ["event"])).toThrow(/unknown identifier "async"/);
  });
});

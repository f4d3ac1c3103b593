import { describe, expect, it } from "vitest";
import { canonicalJson, canonicalJsonIterative, contentHash, RECURSION_LIMIT } from "./canonical-json.ts";
import { listFixtures } from "./fixtures.ts";
import { fixtureText, reserialize } from "./test-support.ts";

/** The recursive definition the iterative one must match byte for byte (stored dedup keys use it). */
function reference(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v !== null && typeof v === "object") {
      const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner)]));
    }
    return v;
  };
  return JSON.stringify(sortKeys(value)) ?? "null";
}

const nested = (depth: number, leaf = "[]"): string => "[".repeat(depth) + leaf + "]".repeat(depth);

// Both ways of writing (the fast recursive one and the iterative one for deep values) must give
// the same text as the definition.
describe.each([
  ["canonicalJson", canonicalJson],
  ["canonicalJsonIterative", canonicalJsonIterative],
])("%s", (_name, canonicalJson) => {
  it.each(listFixtures())("writes %s exactly as the recursive definition does", (name) => {
    const value = JSON.parse(fixtureText(name)) as unknown;
    expect(canonicalJson(value)).toBe(reference(value));
    expect(canonicalJson(JSON.parse(reserialize(fixtureText(name))))).toBe(reference(value));
  });

  it.each([
    ["scalars", [null, true, false, 0, -1.5, 1e21, "", "é\n\u2028"]],
    [
      "array-index keys first, in numeric order",
      { b: 1, "10": 2, "9": 3, a: 4, "01": 5, "-1": 6, "4294967294": 7, "4294967295": 8 },
    ],
    ["empty containers", { a: {}, b: [], c: [{}, []] }],
    ["a __proto__ key from JSON", JSON.parse('{"__proto__":{"x":1},"a":2}') as unknown],
    ["lone surrogates and escapes", { "\ud800": "\udc00", "\u0000": "\u0000" }],
    [
      "undefined, functions and symbols",
      { a: undefined, b: () => 1, c: Symbol("s"), d: [undefined, () => 1, Symbol("s")] },
    ],
    ["a Date (an object without own keys)", { at: new Date(0) }],
    ["a top-level undefined", undefined],
    ["a top-level string", "x"],
  ])("matches JSON.stringify of the key-sorted value for %s", (_label, value) => {
    expect(canonicalJson(value)).toBe(reference(value));
  });

  it("matches the recursive definition on random JSON", () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const make = (depth: number): unknown => {
      const pick = random();
      if (depth > 4 || pick < 0.3)
        return [null, true, 1.25, "s", String(Math.floor(random() * 100))][Math.floor(random() * 5)];
      if (pick < 0.6) return Array.from({ length: Math.floor(random() * 4) }, () => make(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 5) }, () => [
          String.fromCharCode(48 + Math.floor(random() * 60)),
          make(depth + 1),
        ]),
      );
    };
    for (let i = 0; i < 300; i++) {
      const value = make(0);
      expect(canonicalJson(value)).toBe(reference(value));
    }
  });

  it("writes values nested far deeper than the call stack allows", () => {
    for (const depth of [RECURSION_LIMIT - 1, RECURSION_LIMIT, 10_000, 200_000]) {
      const value = JSON.parse(`{"a":${nested(depth, '{"z":1,"y":2}')}}`) as unknown;
      if (depth > 5000) expect(() => reference(value)).toThrow(RangeError);
      expect(canonicalJson(value)).toBe(`{"a":${nested(depth, '{"y":2,"z":1}')}}`);
      expect(contentHash(value)).toMatch(/^[0-9a-f]{32}$/);
    }
    // A 200,000-deep value is real work (about a second here): a busy machine needs more than 5 s.
  }, 30_000);

  it("refuses a cyclic value instead of looping", () => {
    const value: Record<string, unknown> = { a: 1 };
    value.self = value;
    expect(() => canonicalJson(value)).toThrow(/cycle/);
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared, shared] })).toBe('{"a":{"x":1},"b":[{"x":1},{"x":1}]}');
  });
});

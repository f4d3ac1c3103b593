import { describe, expect, it } from "vitest";
import { payloadText } from "./payload-text.ts";

describe("payloadText", () => {
  it.each([
    ["a string as it is", "web01", "web01"],
    ["an empty string as it is", "", ""],
    ["a number as JavaScript writes it", 42, "42"],
    ["a boolean as JavaScript writes it", false, "false"],
    ["null as absent", null, null],
    ["undefined as absent", undefined, null],
    ["an object as its JSON", { a: 1 }, '{"a":1}'],
    ["an array as its JSON", ["a", 1], '["a",1]'],
  ])("reads %s", (_label, value, expected) => {
    expect(payloadText(value)).toBe(expected);
  });
});

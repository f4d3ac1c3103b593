import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixturePath, listFixtures } from "./fixtures.ts";
import { fixtureBytes, fixtureText } from "./test-support.ts";

describe("webhook fixtures", () => {
  it("lists the fixture files, sorted, and resolves them with or without .json", () => {
    const names = listFixtures();
    expect(names).toContain("error.created.json");
    expect(names).toEqual([...names].sort());
    expect(fixturePath("error.created")).toBe(fixturePath("error.created.json"));
    for (const name of names) expect(existsSync(fixturePath(name))).toBe(true);
  });

  // Sentry's wire format: compact single-line JSON, ASCII with \u escapes, no trailing newline.
  it.each(listFixtures())("%s is in Sentry's wire format", (name) => {
    const bytes = fixtureBytes(name);
    const text = fixtureText(name);
    expect(bytes.every((byte) => byte < 0x80)).toBe(true);
    expect(text).not.toMatch(/\n$/);
    expect(text).not.toContain("\n");
    expect(whitespaceOutsideStrings(text)).toBe(0);
    expect(Object.keys(JSON.parse(text))).toEqual(["action", "installation", "data", "actor"]);
  });
});

/** Count of whitespace characters between JSON tokens (compact JSON has none). */
function whitespaceOutsideStrings(text: string): number {
  let count = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (/\s/.test(char!)) count++;
  }
  return count;
}

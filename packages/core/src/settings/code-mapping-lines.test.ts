import { describe, expect, it } from "vitest";
import { codeMappingLines, formatCodeMappings } from "./code-mapping-lines.ts";

describe("codeMappingLines", () => {
  it("reads one mapping a line, either side possibly empty, as Sentry's code mappings are", () => {
    const parsed = codeMappingLines.parse("/app/=src/\n\n=app/src/main/java/\n/srv/=\n webpack:///./ = web/ ");
    expect(parsed).toEqual([
      { stackRoot: "/app/", sourceRoot: "src/" },
      { stackRoot: "", sourceRoot: "app/src/main/java/" },
      { stackRoot: "/srv/", sourceRoot: "" },
      { stackRoot: "webpack:///./", sourceRoot: "web/" },
    ]);
    expect(formatCodeMappings(parsed)).toBe("/app/=src/\n=app/src/main/java/\n/srv/=\nwebpack:///./=web/");
  });

  it.each([
    ["a line without =", "/app/=src/\n/lib/", 2],
    ["a line with both sides empty", "=", 1],
  ])("refuses %s, naming the line", (_label, text, line) => {
    const parsed = codeMappingLines.safeParse(text);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([
      `code mappings line ${line}: write stackRoot=sourceRoot, e.g. /app/=src/`,
    ]);
  });
});

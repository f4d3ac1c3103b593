import { describe, expect, it } from "vitest";
import { agentSummary, stripAnsi } from "./agent-summary.ts";

describe("agentSummary", () => {
  it.each([
    [
      "the text from the Root cause: line on",
      "Reading src/cart.js\nRan tests: 3 passed\n\nRoot cause: `items` is undefined for guests.\nFix: default it to [].\n",
      "Root cause: `items` is undefined for guests.\nFix: default it to [].",
    ],
    [
      "the LAST Root cause: line when the agent drafted one earlier",
      "Root cause: maybe the cache?\nmore digging\nRoot cause: the guest cart has no items array.\nFix: default it.",
      "Root cause: the guest cart has no items array.\nFix: default it.",
    ],
    [
      "a bold label",
      "work\n**Root cause:** null price.\n**Fix:** guard it.",
      "**Root cause:** null price.\n**Fix:** guard it.",
    ],
    ["a bulleted, lower-case label", "- root cause: stale id\n- fix: reload", "- root cause: stale id\n- fix: reload"],
    [
      "the last paragraph when there is no label",
      "Looked around.\n\nChanged cart.js to default items.\nTests pass.\n\n",
      "Changed cart.js to default items.\nTests pass.",
    ],
    [
      "colour codes removed",
      "\u001b[32mRoot cause:\u001b[0m bad \u001b]8;;https://x\u0007link\u001b]8;;\u0007",
      "Root cause: bad link",
    ],
    ["CRLF line ends", "a\r\n\r\nRoot cause: x\r\nFix: y", "Root cause: x\nFix: y"],
    ["not a label mid-line", "The root cause: unclear.\n\nFinal words.", "Final words."],
  ])("returns %s", (_label, output, expected) => {
    expect(agentSummary(output)).toBe(expected);
  });

  it.each([
    ["empty output", ""],
    ["only blank lines and colour codes", "\n \n\u001b[0m\n"],
  ])("returns null for %s", (_label, output) => {
    expect(agentSummary(output)).toBeNull();
  });

  it("caps a root cause at 1500 characters and a paragraph at 600", () => {
    const long = agentSummary(`Root cause: ${"x".repeat(3000)}`);
    expect(long).toHaveLength(1500);
    expect(long?.endsWith("…")).toBe(true);
    expect(agentSummary("y".repeat(2000))).toHaveLength(600);
  });
});

describe("stripAnsi", () => {
  it("removes CSI and OSC sequences and keeps text", () => {
    expect(stripAnsi("\u001b[1;31merror\u001b[0m \u001b]0;title\u0007done")).toBe("error done");
  });
});

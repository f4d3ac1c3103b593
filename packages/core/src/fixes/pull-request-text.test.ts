import { describe, expect, it } from "vitest";
import {
  duration,
  fencedBlock,
  inlineCode,
  type PullRequestInput,
  pullRequestText,
  TITLE_LIMIT,
} from "./pull-request-text.ts";

function input(overrides: Partial<PullRequestInput> = {}): PullRequestInput {
  return {
    issue: {
      shortId: "SHOP-1A",
      title: "TypeError: Cannot read properties of undefined (reading 'push')",
      webUrl: "https://acme.sentry.io/issues/42/?project=7&referrer=webhook",
      eventCount: 1234,
      userCount: 56,
      lastSeen: new Date("2026-01-02T03:04:05Z"),
    },
    summary: "Root cause: guest carts have no `items` array.\nFix: default it to an empty array.",
    checks: [
      { name: "diff size", ok: true, detail: "2 files, 14 lines" },
      { name: "regression test", ok: false, detail: "no test file changed" },
    ],
    tests: {
      command: "pnpm test",
      ok: true,
      exitCode: 0,
      durationMs: 12_345,
      outputTail: "\u001b[32m✓ cart.test.js (3)\u001b[0m\nTests 3 passed",
    },
    diff: { files: 2, added: 12, removed: 2, paths: ["src/cart.js", "src/cart.test.js"] },
    runUrl: "https://suture.test/runs/9",
    ...overrides,
  };
}

describe("pullRequestText", () => {
  it("says what was not checked", () => {
    expect(pullRequestText(input({ tests: null })).body).toContain(
      "## Not checked\n\n- the repository's tests: no test command is configured for this repository",
    );
    expect(pullRequestText(input()).body).toContain("- that a test fails without the fix");
    const proven = { command: "node --test", testFiles: ["t.test.js"], reproduced: true, exitCode: 1, outputTail: "" };
    expect(pullRequestText(input({ redGreen: proven })).body).not.toContain("## Not checked");
  });

  it("shows the regression test failing without the fix, with its output, and warns when it passed there", () => {
    const redGreen = {
      command: "node --test",
      testFiles: ["test/cart.test.js"],
      reproduced: true,
      exitCode: 1,
      outputTail:
        "\u001b[31mnot ok 1 - a deleted product\u001b[0m\n  TypeError: Cannot read properties of undefined (reading 'price')",
    };
    const { body } = pullRequestText(input({ redGreen }));
    expect(body).toContain("## Regression test\n\n`test/cart.test.js` fails without the fix and passes with it.");
    expect(body).toContain(
      "Without the fix, `node --test` failed (exit 1):\n\n```\nnot ok 1 - a deleted product\n  TypeError: Cannot read",
    );
    const passing = pullRequestText(input({ redGreen: { ...redGreen, reproduced: false, exitCode: 0 } })).body;
    expect(passing).toContain("⚠️ `test/cart.test.js` passes without the fix: it does not reproduce the bug.");
    expect(passing).toContain("Without the fix, `node --test` passed:");
    expect(pullRequestText(input()).body).not.toContain("## Regression test");
  });

  it("names the deployment and its suspect commits, inert, with a compare link only on GitHub", () => {
    const deployment = {
      release: "shop@2.0.0",
      environment: "production",
      commitSha: "c".repeat(40),
      compareUrl: "https://github.com/acme/shop/compare/a...b",
      commits: 3,
      suspects: [
        { sha: "d".repeat(40), message: "cart: fixes #12 for @ops\nmore", author: "dev", touched: ["src/cart.js"] },
      ],
    };
    const { body } = pullRequestText(input({ deployment }));
    expect(body).toContain(
      "## Deployment\n\nRelease `shop@2.0.0` deployed to `production` at `cccccccccccc` · 3 commits since the previous one ([compare](https://github.com/acme/shop/compare/a...b)).",
    );
    expect(body).toContain(
      "**Suspect commits** (they changed files of the stack trace):\n\n- `dddddddddddd` cart: fixes\u200b #12 for @\u200bops by dev: changed `src/cart.js`",
    );
    const elsewhere = pullRequestText(
      input({ deployment: { ...deployment, compareUrl: "https://evil.example/x", suspects: [] } }),
    );
    expect(elsewhere.body).not.toContain("evil.example");
    expect(elsewhere.body).toContain("No commit of the range changed a file of the stack trace.");
    expect(pullRequestText(input()).body).not.toContain("## Deployment");
  });

  it("writes a conventional title with the short id", () => {
    expect(pullRequestText(input()).title).toBe(
      "fix: TypeError: Cannot read properties of undefined (reading… (SHOP-1A)",
    );
    expect(pullRequestText(input()).title.length).toBeLessThanOrEqual(TITLE_LIMIT);
  });

  it.each([
    ["a short title", "Boom", "fix: Boom (SHOP-1A)"],
    ["no title", null, "fix: Sentry issue (SHOP-1A)"],
    ["a multi-line title with an email", "No cart for\n  bob@shop.test", "fix: No cart for [email] (SHOP-1A)"],
  ])("titles %s", (_label, title, expected) => {
    expect(pullRequestText(input({ issue: { shortId: "SHOP-1A", title, webUrl: null } })).title).toBe(expected);
  });

  it("writes every section of the body", () => {
    const { body } = pullRequestText(input());
    expect(body).toContain("Fixes Sentry issue [SHOP-1A](https://acme.sentry.io/issues/42/): TypeError");
    expect(body).not.toContain("referrer");
    expect(body).toContain("**Impact:** 1,234 events · 56 users · last seen 2026-01-02T03:04:05.000Z");
    expect(body).toContain(
      "## Root cause\n\nRoot cause: guest carts have no `items` array.\nFix: default it to an empty array.",
    );
    expect(body).toContain("2 files, +12 −2\n\n- `src/cart.js`\n- `src/cart.test.js`");
    expect(body).toContain("- ✓ diff size: 2 files, 14 lines\n- ✗ regression test: no test file changed");
    expect(body).toContain("`pnpm test` passed in 12.3 s\n\n```\n✓ cart.test.js (3)\nTests 3 passed\n```");
    expect(body).toContain("**This draft was written by a coding agent and requires human review before merging.**");
    expect(body.trimEnd().endsWith("[Suture run](https://suture.test/runs/9)")).toBe(true);
  });

  it("reports failing tests with their exit code and only the last lines", () => {
    const outputTail = Array.from({ length: 100 }, (_, i) => `line ${i}`).join("\n");
    const { body } = pullRequestText(
      input({ tests: { command: "make test", ok: false, exitCode: 2, durationMs: 125_000, outputTail } }),
    );
    expect(body).toContain("`make test` failed (exit 2) in 2 min 5 s");
    expect(body).toContain("line 99");
    expect(body).not.toContain("line 59\n");
    expect(body).toContain("line 60\n");
  });

  it("says when there is no test command, summary, link or run", () => {
    const { body, commitMessage } = pullRequestText(
      input({
        tests: null,
        summary: "  ",
        runUrl: null,
        checks: [],
        issue: { shortId: "SHOP-1A", title: null, webUrl: "javascript:alert(1)" },
      }),
    );
    expect(body).toContain("No test command is configured");
    expect(body).toContain("_The agent did not describe the root cause._");
    expect(body).toContain("Fixes Sentry issue SHOP-1A\n");
    expect(body).not.toContain("javascript:");
    expect(body).not.toContain("Impact");
    expect(body).not.toContain("## Checks");
    expect(body).not.toContain("Suture run");
    expect(commitMessage).toBe("fix: Sentry issue (SHOP-1A)\n\nSentry-Issue: SHOP-1A");
  });

  it("scrubs and defuses what Sentry and the agent wrote", () => {
    const summary = "Root cause: user:991 (jane@shop.test) hit it; cc @octocat. Fixes #12 and closes acme/shop#3.";
    const outputTail = "POST https://api.test/x?token=abc failed for 10.1.2.3 ```";
    const { body } = pullRequestText(
      input({ summary, tests: { ...input().tests!, ok: false, exitCode: 1, outputTail } }),
    );
    expect(body).not.toMatch(/jane@|user:991|10\.1\.2\.3|token=abc/);
    expect(body).toContain("user:[user] ([email])");
    expect(body).not.toMatch(/(^|\s)@octocat/);
    expect(body).not.toMatch(/fixes\s+#12|closes\s+acme\/shop#3/i);
    expect(body).toContain("````\nPOST https://api.test/x?[query] failed for [ip] ```\n````");
  });

  it("lists at most 50 changed paths", () => {
    const paths = Array.from({ length: 60 }, (_, i) => `src/f${i}.js`);
    const { body } = pullRequestText(input({ diff: { files: 60, added: 60, removed: 0, paths } }));
    expect(body).toContain("- `src/f49.js`\n- … and 10 more");
    expect(body).not.toContain("src/f50.js");
  });

  it("writes a commit message with the summary and trailers", () => {
    expect(pullRequestText(input()).commitMessage).toBe(
      "fix: TypeError: Cannot read properties of undefined (reading… (SHOP-1A)\n\n" +
        "Root cause: guest carts have no `items` array.\nFix: default it to an empty array.\n\n" +
        "Sentry-Issue: https://acme.sentry.io/issues/42/\nSuture-Run: https://suture.test/runs/9",
    );
  });
});

describe("markdown helpers", () => {
  it.each([
    [500, "500 ms"],
    [1500, "1.5 s"],
    [61_000, "1 min 1 s"],
  ])("duration(%i) is %s", (ms, expected) => {
    expect(duration(ms)).toBe(expected);
  });

  it("wraps values so their backticks cannot break out", () => {
    expect(inlineCode("a`b")).toBe("``a`b``");
    expect(inlineCode("`x")).toBe("`` `x ``");
    expect(fencedBlock("```\nx\n```", "text")).toBe("````text\n```\nx\n```\n````");
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { ensureWorkspace, upsertSentryIssue } from "@suture/db";
import { fixRuns } from "@suture/db/schema";
import { closeDb, getDb, getOverview } from "@suture/core";

afterAll(() => closeDb());

describe("the overview's pull request links", () => {
  it("keeps only https: links on the configured GitHub, whoever stored them (Seer, GitHub, a webhook)", async () => {
    const db = await getDb();
    const workspace = await ensureWorkspace(db, { slug: "links" });
    const cases: [string, string | null][] = [
      ["https://github.com/acme/shop/pull/7", "https://github.com/acme/shop/pull/7"],
      ["data:text/html,<script>alert(1)</script>", null],
      ["javascript:alert(1)", null],
      ["http://github.com/acme/shop/pull/8", null],
      ["https://evil.example/acme/shop/pull/9", null],
      ["https://github.com@evil.example/acme/shop/pull/10", null],
    ];
    for (const [i, [prUrl]] of cases.entries()) {
      const issueId = await upsertSentryIssue(db, {
        workspaceId: workspace.id,
        sentryIssueId: `links-${i}`,
        shortId: `LINKS-${i}`,
      });
      await db.insert(fixRuns).values({
        workspaceId: workspace.id,
        sentryIssueId: issueId,
        origin: "seer",
        status: "pr_open",
        prUrl,
        prNumber: i + 7,
      });
    }
    const { fixRuns: runs } = await getOverview();
    for (const [i, [, expected]] of cases.entries()) {
      expect(runs.find((r) => r.shortId === `LINKS-${i}`)?.prUrl, cases[i]![0]).toBe(expected);
    }
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { ensureWorkspace, upsertSentryIssue } from "@suture/db";
import { fixRuns } from "@suture/db/schema";
import { getFixRunPage, getWorkspaceOverview, type WorkspaceScope } from "@suture/core";
import { closeDb, getDb } from "@suture/core/database";

afterAll(() => closeDb());

describe("links on the overview and a fix run's page", () => {
  it("keeps only https: links on the configured GitHub, whoever stored them (Seer, GitHub, a webhook)", async () => {
    const db = await getDb();
    const workspace = await ensureWorkspace(db, { slug: "links" });
    const scope: WorkspaceScope = {
      workspaceId: workspace.id,
      slug: workspace.slug,
      name: workspace.name,
      role: "viewer",
      user: { id: "u-links", email: "links@example.com", name: "Links" },
    };
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
        webUrl: prUrl.replace("/pull/", "/issues/"),
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
    const { fixRuns: runs } = await getWorkspaceOverview(scope);
    for (const [i, [stored, expected]] of cases.entries()) {
      const summary = runs.find((r) => r.shortId === `LINKS-${i}`);
      expect(summary?.prUrl, stored).toBe(expected);
      const page = await getFixRunPage(scope, summary?.id ?? "");
      if (page.status !== "found") throw new Error(`no page for ${stored}`);
      expect(page.run.prUrl, stored).toBe(expected);
      // Any https: host without credentials is a fine Sentry link (self-hosted Sentry); nothing else is.
      const sentryLink = stored.replace("/pull/", "/issues/");
      expect(page.issue.webUrl, stored).toBe(
        sentryLink.startsWith("https://") && !sentryLink.includes("@") ? sentryLink : null,
      );
    }
  });
});

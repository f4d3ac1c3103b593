import { startSentryDouble } from "@suture/sentry/test-support";
import { afterAll, describe, expect, it, vi } from "vitest";

// Core reads its settings once, at import: point it at the Sentry double first.
const sentry = await startSentryDouble();
vi.stubEnv("SENTRY_AUTH_TOKEN", sentry.token);
vi.stubEnv("SENTRY_ORG", "acme");
vi.stubEnv("SENTRY_URL", sentry.url);
const core = await import("@suture/core");
const { getDb, closeDb } = await import("@suture/core/database");
const db = await import("@suture/db");
const { observeRelease } = await import("./observe-release.ts");

afterAll(async () => {
  await sentry.close();
  await closeDb();
});

const sha = "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2";
const releaseRequests = (version: string) =>
  sentry.requests.filter((r) => r.path.includes(`/releases/${encodeURIComponent(version)}/`));

describe("deploys Sentry recorded for a release first seen", () => {
  it("become deployments from sentry, with the release's newest commit and repository; asked once", async () => {
    const workspace = await db.ensureWorkspace(await getDb(), { slug: "sentry-deploys" });
    sentry.setRelease("shop@3.0.0", {
      deploys: [
        { id: "1", environment: "production", dateStarted: null, dateFinished: "2026-03-01T10:00:00Z", url: null },
        {
          id: "2",
          environment: "staging",
          dateStarted: "2026-02-28T09:00:00Z",
          dateFinished: null,
          url: "https://staging.shop.test",
        },
        // Not shaped as Sentry documents it: skipped, the others kept.
        { id: "3", environment: "", dateFinished: "yesterday" },
      ],
      commits: [
        { id: sha, message: "newest", repository: { name: "acme/shop" } },
        { id: "b".repeat(40), message: "older", repository: { name: "acme/shop" } },
      ],
    });
    const first = await observeRelease(workspace.id, "shop@3.0.0", "production");
    expect(await core.recordSentryDeploys([first])).toEqual({ recorded: 2 });
    const rows = await (
      await getDb()
    ).query.deployments.findMany({
      where: (d, { eq }) => eq(d.workspaceId, workspace.id),
      orderBy: (d, { asc }) => asc(d.environment),
    });
    expect(rows).toEqual([
      expect.objectContaining({
        environment: "production",
        release: "shop@3.0.0",
        commitSha: sha,
        repository: "acme/shop",
        source: "sentry",
        deployedAt: new Date("2026-03-01T10:00:00Z"),
      }),
      expect.objectContaining({
        environment: "staging",
        url: "https://staging.shop.test",
        startedAt: new Date("2026-02-28T09:00:00Z"),
      }),
    ]);
    expect(releaseRequests("shop@3.0.0").map((r) => r.path.split("/").at(-2))).toEqual(["deploys", "commits"]);

    // The release now has deployments: a later observation of it asks Sentry nothing.
    const later = await observeRelease(workspace.id, "shop@3.0.0", "staging");
    expect(await core.recordSentryDeploys([later])).toEqual({ recorded: 0 });
    expect(releaseRequests("shop@3.0.0")).toHaveLength(2);
  });

  it("a release Sentry does not know is not asked about again at once", async () => {
    const workspace = await db.ensureWorkspace(await getDb(), { slug: "sentry-deploys-unknown" });
    const observation = await observeRelease(workspace.id, "shop@0.0.1-unknown", "production");
    expect(await core.recordSentryDeploys([observation])).toEqual({ recorded: 0 });
    expect(await core.recordSentryDeploys([observation])).toEqual({ recorded: 0 });
    expect(releaseRequests("shop@0.0.1-unknown")).toHaveLength(1);
  });
});

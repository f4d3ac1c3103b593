import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureWorkspace, insertRepository, upsertSentryIssue } from "@suture/db";
import { deployments, fixRuns, observations, webhookDeliveries } from "@suture/db/schema";
import { fixturePath } from "@suture/sentry/fixtures";
import {
  getIssueList,
  getIssuePage,
  type IssueListQuery,
  parseIssueListQuery,
  type WorkspaceScope,
} from "@suture/core";
import { closeDb, getDb } from "@suture/core/database";

afterAll(() => closeDb());

const NOW = new Date("2026-06-01T12:00:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const scopeOf = (workspace: { id: string; slug: string; name: string }): WorkspaceScope => ({
  workspaceId: workspace.id,
  slug: workspace.slug,
  name: workspace.name,
  role: "approver",
  user: { id: "u-issues", email: "issues@example.com", name: "Issues" },
});
const query = (overrides: Partial<IssueListQuery> = {}): IssueListQuery => ({
  ...parseIssueListQuery({}),
  ...overrides,
});

let scope: WorkspaceScope;
let other: WorkspaceScope;
const ids: Record<string, string> = {};
let sequence = 0;

async function observe(
  workspaceId: string,
  issueId: string,
  at: Date,
  extra: { environment?: string; release?: string; body?: string; sourceType?: string } = {},
) {
  const db = await getDb();
  const n = sequence++;
  const [delivery] = await db
    .insert(webhookDeliveries)
    .values({
      resource: "error",
      action: "created",
      dedupKey: `issues-test-${n}`,
      headers: {},
      rawBody: extra.body ?? "{}",
      status: "processed",
      workspaceId,
    })
    .returning({ id: webhookDeliveries.id });
  if (!delivery) throw new Error("no delivery");
  await db.insert(observations).values({
    workspaceId,
    deliveryId: delivery.id,
    sentryIssueId: issueId,
    sourceType: extra.sourceType ?? "error.created",
    sourceId: `obs-${n}`,
    title: `observation ${n}`,
    body: "",
    occurredAt: at,
    release: extra.release ?? null,
    environment: extra.environment ?? null,
  });
}

beforeAll(async () => {
  const db = await getDb();
  const a = await ensureWorkspace(db, { slug: "issues-a" });
  const b = await ensureWorkspace(db, { slug: "issues-b" });
  scope = scopeOf(a);
  other = scopeOf(b);
  const specs = [
    {
      key: "checkout",
      project: "shop",
      level: "error",
      status: "unresolved",
      events: 50,
      users: 5,
      first: 100,
      last: 1,
    },
    { key: "cart", project: "shop", level: "warning", status: "unresolved", events: 10, users: 9, first: 50, last: 2 },
    { key: "login", project: "auth", level: "fatal", status: "resolved", events: 99, users: 1, first: 200, last: 30 },
    { key: "noise", project: "auth", level: "info", status: "ignored", events: 1, users: 0, first: 10, last: 5 },
  ];
  for (const s of specs) {
    ids[s.key] = await upsertSentryIssue(db, {
      workspaceId: a.id,
      sentryIssueId: `issues-${s.key}`,
      shortId: `SHOP-${s.key.toUpperCase()}`,
      projectSlug: s.project,
      title: `${s.key} failed: 100%_done`,
      culprit: `app/${s.key}.py in handle`,
      level: s.level,
      status: s.status,
      eventCount: s.events,
      userCount: s.users,
      firstSeen: hoursAgo(s.first),
      lastSeen: hoursAgo(s.last),
    });
  }
  // 30 more unresolved issues sharing one last-seen time: keyset pages must break the tie by id.
  for (let i = 0; i < 30; i++) {
    ids[`bulk-${i}`] = await upsertSentryIssue(db, {
      workspaceId: a.id,
      sentryIssueId: `issues-bulk-${i}`,
      shortId: `BULK-${i}`,
      projectSlug: "bulk",
      title: `bulk ${i}`,
      level: "error",
      status: "unresolved",
      lastSeen: hoursAgo(3),
      firstSeen: hoursAgo(3),
    });
  }
  ids.elsewhere = await upsertSentryIssue(db, {
    workspaceId: b.id,
    sentryIssueId: "issues-elsewhere",
    shortId: "OTHER-1",
    title: "checkout failed elsewhere",
    status: "unresolved",
    lastSeen: hoursAgo(0.5),
  });
  const checkout = ids.checkout ?? "";
  await observe(a.id, checkout, hoursAgo(0.5), { environment: "production", release: "shop@2" });
  await observe(a.id, checkout, hoursAgo(0.7), { environment: "production", release: "shop@2" });
  await observe(a.id, checkout, hoursAgo(5.5), { environment: "staging", release: "shop@1" });
  await observe(a.id, checkout, hoursAgo(30), { environment: "production" });
  await observe(a.id, ids.cart ?? "", hoursAgo(2), { environment: "staging" });
  await db.insert(fixRuns).values({ workspaceId: a.id, sentryIssueId: ids.cart ?? "", status: "awaiting_approval" });
});

describe("the issues list", () => {
  it("shows the unresolved tab by last seen, with release, latest run and sparkline", async () => {
    const list = await getIssueList(scope, query(), { now: NOW, limit: 3 });
    expect(list.issues.map((i) => i.shortId)).toEqual(["SHOP-CHECKOUT", "SHOP-CART", expect.stringMatching(/^BULK-/)]);
    const [checkout, cart] = list.issues;
    expect(checkout?.release).toBe("shop@2");
    expect(checkout?.sparkline).toHaveLength(24);
    expect(checkout?.sparkline.at(-1)).toBe(2);
    expect(checkout?.sparkline.at(-6)).toBe(1);
    expect(checkout?.sparkline.reduce((a, b) => a + b, 0)).toBe(3);
    expect(cart?.latestRun?.status).toBe("awaiting_approval");
    expect(checkout?.latestRun).toBeNull();
    expect(list.nextCursor).not.toBeNull();
    expect(list.options.projects).toEqual(["auth", "bulk", "shop"]);
    expect(list.options.environments).toEqual(["production", "staging"]);
  });

  it("filters by tab, project, level, environment and fix run", async () => {
    const codes = async (q: Partial<IssueListQuery>) =>
      (await getIssueList(scope, query(q), { now: NOW })).issues.map((i) => i.shortId);
    expect(await codes({ tab: "resolved" })).toEqual(["SHOP-LOGIN"]);
    expect(await codes({ tab: "ignored" })).toEqual(["SHOP-NOISE"]);
    expect(await codes({ tab: "all", project: "auth" })).toEqual(["SHOP-NOISE", "SHOP-LOGIN"]);
    expect(await codes({ level: "warning" })).toEqual(["SHOP-CART"]);
    expect(await codes({ environment: "staging" })).toEqual(["SHOP-CHECKOUT", "SHOP-CART"]);
    expect(await codes({ fix: "with" })).toEqual(["SHOP-CART"]);
    expect(await codes({ fix: "without", project: "shop" })).toEqual(["SHOP-CHECKOUT"]);
  });

  it("searches title, culprit and short id, taking % and _ literally", async () => {
    const codes = async (q: string) =>
      (await getIssueList(scope, query({ tab: "all", q }), { now: NOW })).issues.map((i) => i.shortId);
    expect(await codes("CHECKOUT")).toEqual(["SHOP-CHECKOUT"]);
    expect(await codes("app/cart.py")).toEqual(["SHOP-CART"]);
    expect(await codes("shop-log")).toEqual(["SHOP-LOGIN"]);
    expect(await codes("100%_done")).toHaveLength(4);
    expect(await codes("100%x")).toEqual([]);
  });

  it("sorts by first seen, events and users", async () => {
    const first = async (sort: IssueListQuery["sort"]) =>
      (await getIssueList(scope, query({ tab: "all", sort, project: "shop" }), { now: NOW })).issues.map(
        (i) => i.shortId,
      );
    expect(await first("first_seen")).toEqual(["SHOP-CART", "SHOP-CHECKOUT"]);
    expect(await first("events")).toEqual(["SHOP-CHECKOUT", "SHOP-CART"]);
    expect(await first("users")).toEqual(["SHOP-CART", "SHOP-CHECKOUT"]);
  });

  it("pages by cursor without skipping or repeating, in every sort", async () => {
    for (const sort of ["last_seen", "first_seen", "events", "users"] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const list = await getIssueList(scope, query({ tab: "all", sort, cursor }), { now: NOW, limit: 7 });
        seen.push(...list.issues.map((i) => i.id));
        cursor = list.nextCursor;
        if (!cursor) break;
      }
      expect(seen, sort).toHaveLength(34);
      expect(new Set(seen).size, sort).toBe(34);
      expect(seen, sort).not.toContain(ids.elsewhere);
    }
  });

  it("starts over on a cursor it did not make, and never lists another workspace's issues", async () => {
    const list = await getIssueList(scope, query({ cursor: "bm90LWEtY3Vyc29y" }), { now: NOW, limit: 1 });
    expect(list.issues[0]?.shortId).toBe("SHOP-CHECKOUT");
    const theirs = await getIssueList(other, query(), { now: NOW });
    expect(theirs.issues.map((i) => i.shortId)).toEqual(["OTHER-1"]);
    expect(parseIssueListQuery({ tab: "nope", sort: ["events", "users"], q: "  " })).toMatchObject({
      tab: "unresolved",
      sort: "events",
      q: null,
    });
  });
});

describe("an issue's page", () => {
  it("is not found for another workspace's issue or a malformed id", async () => {
    expect(await getIssuePage(scope, ids.elsewhere ?? "")).toEqual({ status: "not_found" });
    expect(await getIssuePage(other, ids.checkout ?? "")).toEqual({ status: "not_found" });
    expect(await getIssuePage(scope, "not-a-uuid")).toEqual({ status: "not_found" });
  });

  it("shows the latest stored event's stack trace, mapped and linked at the release's commit", async () => {
    const db = await getDb();
    const w = await ensureWorkspace(db, { slug: "issues-trace" });
    const traced = scopeOf(w);
    const issueId = await upsertSentryIssue(db, {
      workspaceId: w.id,
      sentryIssueId: "issues-trace",
      shortId: "TRACE-1",
      webUrl: "javascript:alert(1)",
    });
    const body = readFileSync(fixturePath("error.created.json"), "utf8");
    await observe(w.id, issueId, hoursAgo(1), { body, release: "checkout-api@2.4.1" });
    await observe(w.id, issueId, hoursAgo(0.1), { sourceType: "issue.resolved" });
    await insertRepository(db, {
      workspaceId: w.id,
      owner: "acme",
      name: "checkout",
      cloneUrl: "https://github.com/acme/checkout.git",
      codeMappings: [{ stackRoot: "/Users/user/test/", sourceRoot: "src/" }],
    });
    await db.insert(deployments).values({ workspaceId: w.id, release: "checkout-api@2.4.1", commitSha: "abc123" });
    await db.insert(fixRuns).values({ workspaceId: w.id, sentryIssueId: issueId, status: "awaiting_approval" });

    const page = await getIssuePage(traced, issueId);
    if (page.status !== "found") throw new Error("not found");
    expect(page.issue.webUrl).toBeNull();
    expect(page.source).toEqual({ repository: "acme/checkout", ref: "abc123", refIsCommit: true });
    const [exception] = page.event?.exceptions ?? [];
    expect(exception?.type).toBe("Exception");
    const [crashing] = exception?.frames ?? [];
    expect(crashing?.contextLine).toContain("raise Exception('This is an example Python exception')");
    expect(crashing?.repoPath).toBe("src/main.py");
    expect(crashing?.repoUrl).toBe("https://github.com/acme/checkout/blob/abc123/src/main.py#L26");
    expect(page.timeline.map((o) => o.sourceType)).toEqual(["issue.resolved", "error.created"]);
    expect(page.fixRuns).toHaveLength(1);
    expect(page.awaitingRunId).toBe(page.fixRuns[0]?.id);
    expect(page.canDecide).toBe(true);
  });
});

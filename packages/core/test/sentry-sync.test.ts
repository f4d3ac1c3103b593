import type { Executor } from "@suture/inngest-local";
import { startSentryDouble } from "@suture/sentry/test-support";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { delivery } from "./fixtures.ts";
import { listen, type Listening, startExecutor } from "./serve-harness.ts";

// Two organizations with tokens of their own, besides the env's default one (acme).
const INITECH_TOKEN = "sntrys_initech_0123456789abcdef0123";
const GLOBEX_TOKEN = "sntrys_globex_fedcba98765432100123";
const sentry = await startSentryDouble({
  pageSize: 2,
  orgTokens: { [INITECH_TOKEN]: "initech", [GLOBEX_TOKEN]: "globex" },
});
vi.stubEnv("SENTRY_AUTH_TOKEN", sentry.token);
vi.stubEnv("SENTRY_ORG", "acme");
vi.stubEnv("SENTRY_URL", sentry.url);
vi.stubEnv("SUTURE_RESOLVE_ON_MERGE", "1");
const core = await import("@suture/core");
const { getDb, closeDb } = await import("@suture/core/database");
const { embeddedInngestKeys, functions, inngest } = await import("@suture/core/inngest");
const db = await import("@suture/db");
const { observations, sentryInstallations, sentrySyncs } = await import("@suture/db/schema");
const { eq } = await import("drizzle-orm");

/** The installation and issue of the recorded `issue.created` webhook. */
const FIXTURE_INSTALLATION = "a8e5d37a-696c-4c54-adb5-b3f28d64c7de";
const FIXTURE_ISSUE = "6123456789";
const INITECH = "0b8c7d7e-1111-4a4a-8b8b-000000000001";
const GLOBEX = "0b8c7d7e-2222-4a4a-8b8b-000000000002";

let app: Listening;
let executor: Executor;

beforeAll(async () => {
  app = await listen(serve({ client: inngest, functions }));
  executor = await startExecutor(`${app.origin}/api/inngest`, embeddedInngestKeys());
});

afterAll(async () => {
  await executor.stop();
  await app.close();
  await closeDb();
  await sentry.close();
});

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

async function issueObservations(sentryIssueId: string) {
  const handle = await getDb();
  const rows = await handle.query.sentryIssues.findMany({ where: (t, { eq }) => eq(t.sentryIssueId, sentryIssueId) });
  const ids = new Set(rows.map((r) => r.id));
  return (await handle.select().from(observations)).filter((o) => o.sentryIssueId && ids.has(o.sentryIssueId));
}

describe("the Sentry sync", () => {
  it("recovers a new issue and a regression no webhook announced; the late webhook adds no second observation", async () => {
    const handle = await getDb();
    const workspace = await db.ensureWorkspace(handle, { slug: "default" });
    await core.connectRepository({ workspace: "default", repository: "acme/checkout-api" });
    expect(await core.setInstallationCredentials({ uuid: FIXTURE_INSTALLATION, org: "acme" })).toMatchObject({
      status: "saved",
    });
    await db.routeInstallation(handle, { uuid: FIXTURE_INSTALLATION, workspaceId: workspace.id, autoRouted: false });
    // Suture has heard of 7000 (open) and 7100 (resolved).
    await db.upsertSentryIssue(handle, { workspaceId: workspace.id, sentryIssueId: "7000", status: "unresolved" });
    await db.upsertSentryIssue(handle, { workspaceId: workspace.id, sentryIssueId: "7100", status: "resolved" });
    sentry.setIssues("acme", [
      { id: FIXTURE_ISSUE, shortId: "CHECKOUT-API-1", status: "unresolved", substatus: "new", lastSeen: minutesAgo(1) },
      { id: "7000", status: "unresolved", lastSeen: minutesAgo(2) },
      { id: "7100", shortId: "CHECKOUT-API-9", status: "unresolved", substatus: "regressed", lastSeen: minutesAgo(3) },
      { id: "../7300", lastSeen: minutesAgo(4) },
      { id: "7200", lastSeen: minutesAgo(600) },
    ]);
    sentry.rateLimitNext(1);

    executor.tickCron(new Date("2026-12-03T09:05:00Z"));
    await executor.idle(30_000);

    const run = executor.runs().find((r) => r.functionId === "suture-sync-sentry-issues");
    expect(run?.status).toBe("completed");
    const lists = sentry.calls.filter((r) => r.path === "/api/0/organizations/acme/issues/");
    // A 429 (Retry-After: 1) is waited out; then two pages, the second by the first's cursor.
    expect(lists.map((r) => r.query.cursor ?? null)).toEqual([null, null, "0:2:0"]);
    expect(lists.every((r) => r.token === sentry.token && r.query.query === "is:unresolved")).toBe(true);

    const recovered = await issueObservations(FIXTURE_ISSUE);
    expect(recovered.map((o) => [o.source, o.sourceType])).toEqual([["sentry-sync", "issue.created"]]);
    expect((await issueObservations("7100")).map((o) => [o.source, o.sourceType])).toEqual([
      ["sentry-sync", "issue.unresolved"],
    ]);
    expect(await issueObservations("7000")).toEqual([]);
    // Triage saw it: the recovered issue has a run awaiting approval.
    const [issue] = await handle.query.sentryIssues.findMany({
      where: (t, { eq }) => eq(t.sentryIssueId, FIXTURE_ISSUE),
    });
    const latest = await db.latestFixRunsForIssues(handle, { sentryIssueIds: [issue!.id] });
    expect(latest.get(issue!.id)).toMatchObject({ status: "awaiting_approval" });
    const [progress] = await handle.select().from(sentrySyncs).where(eq(sentrySyncs.orgSlug, "acme"));
    expect(progress).toMatchObject({ lastError: null, recovered: 2, syncedUntil: expect.any(Date) });

    // The webhook Sentry sent after all (or a redelivery) is a duplicate of the recovered one.
    const late = delivery("issue.created.json");
    expect(await core.receiveSentryWebhook(late.body, late.headers)).toMatchObject({ status: "duplicate" });
    await executor.idle(10_000);
    expect(await issueObservations(FIXTURE_ISSUE)).toHaveLength(1);

    // The next run reads from where this one stopped (less the overlap) and finds nothing new.
    const again = await core.syncSentryIssues();
    const acme = again.organizations.find((o) => o.org === "acme");
    expect(acme).toMatchObject({ status: "synced", recovered: [], error: null });
    const start = Date.parse(sentry.calls.at(-1)!.query.start!);
    expect(start).toBe(progress!.syncedUntil!.getTime() - 5 * 60_000);
  });

  it("records why an organization could not be read, and keeps its progress", async () => {
    const handle = await getDb();
    const [before] = await handle.select().from(sentrySyncs).where(eq(sentrySyncs.orgSlug, "acme"));
    sentry.rateLimitNext(120);
    const report = await core.syncSentryIssues();
    expect(report.organizations.find((o) => o.org === "acme")).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/HTTP 429.*retry after 120 s/),
    });
    const [after] = await handle.select().from(sentrySyncs).where(eq(sentrySyncs.orgSlug, "acme"));
    expect(after).toMatchObject({ syncedUntil: before!.syncedUntil, lastError: expect.stringContaining("429") });
  });
});

describe("several Sentry organizations", () => {
  it("keeps each installation's token and client secret sealed, and calls Sentry with each one's own token", async () => {
    const handle = await getDb();
    const initechSecret = "initech-client-secret-0123456789abcdef";
    const globexSecret = "globex-client-secret-0123456789abcdef";
    for (const [uuid, token, clientSecret, org] of [
      [INITECH, INITECH_TOKEN, initechSecret, "initech"],
      [GLOBEX, GLOBEX_TOKEN, globexSecret, "globex"],
    ] as const) {
      expect(await core.setInstallationCredentials({ uuid, token, clientSecret, org })).toMatchObject({
        status: "saved",
      });
    }
    const [stored] = await handle.select().from(sentryInstallations).where(eq(sentryInstallations.uuid, GLOBEX));
    expect(stored!.authToken).toMatch(/^v1:/);
    expect(stored!.clientSecret).toMatch(/^v1:/);
    expect(JSON.stringify(stored)).not.toContain(GLOBEX_TOKEN);
    expect(JSON.stringify(stored)).not.toContain(globexSecret);
    const summaries = await core.installationSummaries();
    expect(summaries.find((s) => s.uuid === GLOBEX)).toMatchObject({
      org: "globex",
      token: { hint: `…${GLOBEX_TOKEN.slice(-4)}` },
      clientSecret: true,
      calls: "its own token",
    });
    expect(JSON.stringify(summaries)).not.toContain(GLOBEX_TOKEN);

    sentry.setIssues("initech", [{ id: "8000", status: "unresolved", lastSeen: minutesAgo(1) }]);
    sentry.setIssues("globex", [{ id: "8100", status: "unresolved", lastSeen: minutesAgo(1) }]);
    const report = await core.syncSentryIssues();
    expect(report.organizations.map((o) => [o.org, o.status, o.recovered.map((r) => r.issueId)])).toEqual([
      ["acme", "synced", []],
      ["initech", "synced", ["8000"]],
      ["globex", "synced", ["8100"]],
    ]);
    const tokenFor = (org: string) =>
      new Set(sentry.calls.filter((r) => r.path === `/api/0/organizations/${org}/issues/`).map((r) => r.token));
    expect(tokenFor("initech")).toEqual(new Set([INITECH_TOKEN]));
    expect(tokenFor("globex")).toEqual(new Set([GLOBEX_TOKEN]));

    // A webhook signed with Globex's own (sealed) client secret verifies; its issue's calls use Globex's token.
    const body = new TextDecoder()
      .decode(delivery("issue.created.json").body)
      .replaceAll(FIXTURE_INSTALLATION, GLOBEX)
      .replaceAll(FIXTURE_ISSUE, "8200");
    const signed = delivery("issue.created.json", body, globexSecret);
    const received = await core.receiveSentryWebhook(signed.body, signed.headers);
    expect(received).toMatchObject({ status: "stored" });
    const [outcome] = await core.processDeliveries([(received as { deliveryId: string }).deliveryId]);
    expect(outcome).toMatchObject({ status: "processed" });
    const [issue] = await handle.query.sentryIssues.findMany({ where: (t, { eq }) => eq(t.sentryIssueId, "8200") });
    const run = await db.openFixRun(handle, {
      workspaceId: issue!.workspaceId,
      sentryIssueId: issue!.id,
      status: "merged",
    });
    expect(await core.resolveMergedIssue(run!.id)).toMatchObject({ status: "resolved", sentryIssueId: "8200" });
    expect(sentry.calls.at(-1)).toMatchObject({
      method: "PUT",
      path: "/api/0/organizations/globex/issues/8200/",
      token: GLOBEX_TOKEN,
    });
  });

  it("still verifies a client secret stored in plain text before credentials were sealed", async () => {
    const legacy = "legacy-plaintext-client-secret-0123456789";
    const uuid = "0b8c7d7e-3333-4a4a-8b8b-000000000003";
    await db.setInstallationCredentials(await getDb(), { uuid, clientSecret: legacy });
    // What the CLI or the settings page would have done: forget the cached secrets.
    await core.setInstallationCredentials({ uuid, org: "hooli" });
    const body = new TextDecoder()
      .decode(delivery("issue.created.json").body)
      .replaceAll(FIXTURE_INSTALLATION, uuid)
      .replaceAll(FIXTURE_ISSUE, "8300");
    const signed = delivery("issue.created.json", body, legacy);
    expect(await core.receiveSentryWebhook(signed.body, signed.headers)).toMatchObject({ status: "stored" });
  });

  it("says why an installation cannot call Sentry, naming no secret", () => {
    expect(core.sentryApiForInstallation({ uuid: INITECH, orgSlug: "initech", authToken: "v1:AAAA" })).toEqual({
      status: "missing",
      reason: `installation ${INITECH}'s token: the stored credential is truncated`,
    });
    expect(core.sentryApiForInstallation({ uuid: INITECH, orgSlug: "initech", authToken: null })).toEqual({
      status: "missing",
      reason: `installation ${INITECH} (organization initech) has no token of its own and SENTRY_ORG is acme`,
    });
    expect(core.sentryApiForInstallation({ uuid: INITECH, orgSlug: "acme", authToken: null })).toMatchObject({
      status: "ok",
      org: "acme",
      installationUuid: INITECH,
    });
  });

  it("refuses malformed credentials with a precise error", async () => {
    expect(await core.setInstallationCredentials({ uuid: "not-a-uuid", token: "x" })).toEqual({
      status: "invalid",
      error: "the installation uuid must be a UUID",
    });
    expect(await core.setInstallationCredentials({ uuid: INITECH, token: "has space" })).toEqual({
      status: "invalid",
      error: "the token must be printable ASCII without spaces",
    });
    expect(await core.setInstallationCredentials({ uuid: INITECH })).toEqual({
      status: "invalid",
      error: "give a token, a client secret or an organization",
    });
  });
});

describe("the settings page's Sentry credentials", () => {
  async function member(workspace: string, role: "admin" | "viewer") {
    await db.ensureWorkspace(await getDb(), { slug: workspace });
    const added = await core.addUser(
      { email: `${role}@${workspace}.test`, password: "correct horse battery", role, workspace },
      { userId: null, label: "cli:test" },
    );
    if (added.status !== "created") throw new Error(`no ${role} for ${workspace}`);
    return (await core.loadWorkspaceScope(added.user, workspace))!;
  }

  it("lets an admin set the credentials of an installation mapped to the workspace, audited without the values", async () => {
    const handle = await getDb();
    const admin = await member("payments", "admin");
    const viewer = await member("payments", "viewer");
    const uuid = "0b8c7d7e-4444-4a4a-8b8b-000000000004";
    await db.routeInstallation(handle, { uuid, workspaceId: admin.workspaceId, autoRouted: false });
    const token = "sntrys_payments_token_0123456789wxyz";
    // As the action parses the form: blank fields keep what is stored.
    const form = (values: Record<string, string>) => core.installationCredentialsInput.parse(values);
    const input = form({ installationUuid: uuid, token, clientSecret: "", org: "payments", removeClientSecret: "" });

    expect(await core.saveInstallationCredentials(viewer, input)).toMatchObject({ status: "forbidden" });
    expect(await core.saveInstallationCredentials(admin, form({ installationUuid: GLOBEX, token }))).toMatchObject({
      status: "not_found",
    });
    expect(await core.saveInstallationCredentials(admin, input)).toEqual({
      status: "saved",
      changed: ["token", "org"],
    });

    const page = await core.getSettingsPage(admin);
    const row = page.status === "ok" ? page.installations.find((i) => i.uuid === uuid) : undefined;
    expect(row).toMatchObject({ orgSlug: "payments", token: { hint: "…wxyz" }, clientSecret: false });
    expect(JSON.stringify(page)).not.toContain(token);
    const log = await db.listAuditEvents(handle, { workspaceId: admin.workspaceId });
    expect(log.filter((e) => e.action === "installation.credentials_set")).toMatchObject([
      { targetId: uuid, data: { changed: ["token", "org"] } },
    ]);
    expect(JSON.stringify(log)).not.toContain(token);

    expect(
      await core.saveInstallationCredentials(admin, form({ installationUuid: uuid, token: " ", removeToken: "on" })),
    ).toEqual({
      status: "saved",
      changed: ["token"],
    });
    const [stored] = await handle.select().from(sentryInstallations).where(eq(sentryInstallations.uuid, uuid));
    expect(stored!.authToken).toBeNull();
  });
});

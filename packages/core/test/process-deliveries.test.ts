import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET, delivery, fixtureNames } from "./fixtures.ts";
import * as poisoned from "./poisoned.ts";

// A rotated-out secret first: deliveries signed with the second one must still verify.
process.env.SENTRY_CLIENT_SECRET = `${"1".repeat(64)},${SECRET}`;
const core = await import("@suture/core");
const { receiveSentryWebhook, processDeliveries, recordDeployment } = core;
const { getDb, closeDb } = await import("@suture/core/database");
const { sentryIssues, observations, webhookDeliveries, releaseLinks } = await import("@suture/db/schema");
const { MAX_DELIVERY_ATTEMPTS } = await import("../src/ingest/sentry/process-deliveries.ts");
const { staleDeliveries } = await import("../src/ingest/stale-deliveries.ts");

afterAll(() => closeDb());

async function receive(name: string, body?: string): Promise<string> {
  const d = delivery(name, body);
  const result = await receiveSentryWebhook(d.body, d.headers);
  if (result.status !== "stored" && result.status !== "duplicate")
    throw new Error(`${name}: ${JSON.stringify(result)}`);
  return result.deliveryId;
}

describe("processDeliveries", () => {
  const ids = new Map<string, string>();

  beforeAll(async () => {
    for (const name of fixtureNames()) ids.set(name, await receive(name));
  });

  it("turns every non-installation delivery into exactly one observation", async () => {
    const outcomes = await processDeliveries([...ids.values()]);
    expect(outcomes.every((o) => o.status === "processed")).toBe(true);
    const db = await getDb();
    const rows = await db.select().from(observations);
    const expected = fixtureNames().filter((n) => !n.startsWith("installation."));
    expect(rows.length).toBe(expected.length);
    const types = rows.map((r) => r.sourceType).sort();
    expect(types).toContain("issue.created");
    expect(types).toContain("error.created");
    expect(types).toContain("seer.coding_completed");
  });

  it("is idempotent: processing again changes nothing", async () => {
    const db = await getDb();
    const before = (await db.select().from(observations)).length;
    const outcomes = await processDeliveries([...ids.values()]);
    expect(outcomes.every((o) => o.status === "skipped")).toBe(true);
    expect((await db.select().from(observations)).length).toBe(before);
  });

  it("records installations and routes them to the default workspace, saying so", async () => {
    const db = await getDb();
    const installation = await db.query.sentryInstallations.findFirst({
      where: (i, { eq }) => eq(i.uuid, "a8e5d37a-696c-4c54-adb5-b3f28d64c7de"),
    });
    expect(installation).toMatchObject({ orgSlug: "test-org", autoRouted: true });
    const delivered = await db.select().from(webhookDeliveries);
    expect(delivered.filter((d) => d.status !== "processed")).toEqual([]);
  });

  it("upserts the Sentry issue without moving last_seen backwards", async () => {
    const db = await getDb();
    const [issue] = await db.select().from(sentryIssues).where(eq(sentryIssues.sentryIssueId, "6123456789"));
    expect(issue).toMatchObject({ shortId: "CHECKOUT-API-3F", projectSlug: "checkout-api" });
    // The fixtures disagree (issue.created says 06-27, issue.assigned 06-28, later ones more):
    // whatever order they were processed in, the newest wins.
    const newest = issue!.lastSeen!.toISOString();
    expect(newest >= "2025-06-28T09:12:05.104Z").toBe(true);
    expect(issue?.eventCount).toBeGreaterThanOrEqual(14);

    // A state change that arrives late, carrying older timestamps (a new change: new dedup key).
    const older = new TextDecoder()
      .decode(delivery("issue.assigned.json").body)
      .replace("2025-06-27T06:48:32.867420Z", "2025-06-01T00:00:00Z")
      .replace("2025-06-28T09:12:05.104000Z", "2025-06-02T00:00:00Z");
    const [outcome] = await processDeliveries([await receive("issue.assigned.json", older)]);
    expect(outcome).toMatchObject({ status: "processed" });
    const [after] = await db.select().from(sentryIssues).where(eq(sentryIssues.sentryIssueId, "6123456789"));
    expect(after?.lastSeen?.toISOString()).toBe(newest);
    expect(after?.firstSeen?.toISOString()).toBe("2025-06-01T00:00:00.000Z");
  });

  it("links observations to deployments of their release, and back-fills later deployments", async () => {
    const db = await getDb();
    const workspace = await db.query.workspaces.findFirst();
    const error = await db.query.observations.findFirst({
      where: (o, { and, eq }) =>
        and(eq(o.sourceType, "error.created"), eq(o.sourceId, "9fac2ceed9344f2bbfdd1fdacb0ed9b1")),
    });
    expect(error?.release).toBe("checkout-api@2.4.1");

    const { deployment } = await recordDeployment({
      workspaceId: workspace!.id,
      release: "checkout-api@2.4.1",
      environment: "production",
    });
    await core.linkReleases({ observationIds: [], deploymentIds: [deployment.id] });
    const links = await db.select().from(releaseLinks);
    // Every observation of that release (the error, and the event alert carrying the same event).
    expect(links.map((l) => l.observationId)).toContain(error!.id);
    const released = await db.query.observations.findMany({
      where: (o, { eq }) => eq(o.release, "checkout-api@2.4.1"),
    });
    expect(links).toHaveLength(released.length);
    expect(links.every((l) => l.deploymentId === deployment.id)).toBe(true);

    const fresh = new TextDecoder()
      .decode(delivery("error.created.json").body)
      .replace("9fac2ceed9344f2bbfdd1fdacb0ed9b1", "0000000000000000000000000000beef");
    const [outcome] = await processDeliveries([await receive("error.created.json", fresh)]);
    const observationId = (outcome as { observationId: string }).observationId;
    expect(await core.linkReleases({ observationIds: [observationId], deploymentIds: [] })).toEqual({ linked: 1 });
    expect(await core.linkReleases({ observationIds: [observationId], deploymentIds: [] })).toEqual({ linked: 0 });
  });

  it("marks a payload that breaks the schema as failed with the reason, and keeps it", async () => {
    const id = await receive(
      "issue.created.json",
      '{"action":"created","data":{"issue":{"title":"no id"}},"installation":{"uuid":"a8e5d37a-696c-4c54-adb5-b3f28d64c7de"}}',
    );
    const [outcome] = await processDeliveries([id]);
    expect(outcome).toMatchObject({ status: "failed" });
    const db = await getDb();
    const row = await db.query.webhookDeliveries.findFirst({ where: (d, { eq }) => eq(d.id, id) });
    expect(row?.status).toBe("failed");
    expect(row?.error).toBeTruthy();
  });
});

describe("a batch with a poisoned delivery", () => {
  it("keeps text with NUL characters, which Postgres cannot store, by replacing them", async () => {
    const body =
      '{"action":"created","installation":{"uuid":"a8e5d37a-696c-4c54-adb5-b3f28d64c7de"},"data":{"comment":"nul \\u0000 here","project_slug":"sentry","comment_id":777001,"issue_id":100,"timestamp":"2022-03-02T21:51:44.118160Z"},"actor":{"type":"user","id":1,"name":"colleen"}}';
    const [outcome] = await processDeliveries([await receive("comment.created.json", body)]);
    expect(outcome).toMatchObject({ status: "processed" });
    const db = await getDb();
    const row = await db.query.observations.findFirst({ where: (o, { eq }) => eq(o.sourceId, "777001:created") });
    expect(row?.body).toContain("nul \ufffd here");
  });

  it("fails only the delivery the database refuses; the rest of its batch is processed", async () => {
    const issue = (id: string, count: string) =>
      new TextDecoder()
        .decode(delivery("issue.created.json").body)
        .replaceAll("6123456789", id)
        .replace('"count":"1"', `"count":"${count}"`);
    const good1 = await receive("issue.created.json", issue("8100000001", "5"));
    const poison = await receive("issue.created.json", issue("8100000002", "99999999999999999999999"));
    const good2 = await receive("issue.created.json", issue("8100000003", "7"));
    const outcomes = await processDeliveries([good1, poison, good2]);
    const byId = new Map(outcomes.map((o) => [o.deliveryId, o]));
    expect(byId.get(good1)).toMatchObject({ status: "processed" });
    expect(byId.get(good2)).toMatchObject({ status: "processed" });
    expect(byId.get(poison)).toMatchObject({ status: "failed", reason: expect.stringMatching(/processing error/) });
    const db = await getDb();
    const parked = await db.query.webhookDeliveries.findFirst({ where: (d, { eq }) => eq(d.id, poison) });
    expect(parked?.status).toBe("failed");
    expect(await db.query.observations.findMany({ where: (o, { eq }) => eq(o.deliveryId, poison) })).toEqual([]);
  });
});

describe("deliveries carrying text PostgreSQL cannot store", () => {
  const { mixedBatch, issueCreated, REPLACEMENT } = poisoned;

  it("stores 90 poisoned deliveries made storable among 100 good ones in one batch; nothing is left pending", async () => {
    const batch = mixedBatch("71");
    const refusedBody = issueCreated("7199", undefined, (issue) => {
      issue.title = "Checkout failed for jane.customer@example.com";
      issue.count = "99999999999999999999999";
    });
    const stored: ((typeof batch.bodies)[number] & { id: string })[] = [];
    for (const b of batch.bodies) stored.push({ ...b, id: await receive(b.name, b.body) });
    const refused = await receive("issue.created.json", refusedBody);
    const outcomes = await processDeliveries([...stored.map((s) => s.id), refused]);

    const byId = new Map(outcomes.map((o) => [o.deliveryId, o]));
    expect(stored.filter((s) => byId.get(s.id)?.status !== "processed")).toEqual([]);
    expect(byId.get(refused)).toMatchObject({ status: "failed" });

    const db = await getDb();
    const ids = [...stored.map((s) => s.id), refused];
    const rows = await db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, ids));
    expect(rows.filter((r) => r.status === "pending")).toEqual([]);
    const observed = await db.select().from(observations).where(inArray(observations.deliveryId, ids));
    expect(observed).toHaveLength(stored.length);

    // The poisoned values are stored with U+FFFD in place of what PostgreSQL refuses.
    const bad = observed.filter((o) => stored.find((s) => s.id === o.deliveryId)?.kind === "poisoned");
    expect(bad).toHaveLength(90);
    for (const o of bad) {
      expect(o.title).toContain(REPLACEMENT);
      expect(JSON.stringify(o.metadata)).toContain(REPLACEMENT);
      expect(JSON.stringify(o)).not.toMatch(/\\u0000|\\ud[89ab]|\\ud[c-f]/);
      if (o.sourceType === "error.created") {
        expect(o.release).toContain(REPLACEMENT);
        expect(o.environment).toContain(REPLACEMENT);
      }
    }
    const poisonedIssues = stored
      .filter((s) => s.kind === "poisoned" && s.name.startsWith("issue."))
      .map((s) => s.issueId);
    const issues = await db.select().from(sentryIssues).where(inArray(sentryIssues.sentryIssueId, poisonedIssues));
    expect(issues).toHaveLength(45);
    for (const issue of issues) {
      for (const value of [issue.shortId, issue.title, issue.culprit, issue.level, issue.projectSlug])
        expect(value).toContain(REPLACEMENT);
    }
  });

  it("parks the delivery the database still refuses with a short reason of our own: no parameters, no email", async () => {
    const db = await getDb();
    const body = issueCreated("7198", undefined, (issue) => {
      issue.title = "Checkout failed for jane.customer@example.com";
      issue.count = "99999999999999999999999";
    });
    const id = await receive("issue.created.json", body);
    const good = await receive("issue.created.json", issueCreated("7197"));
    const outcomes = await processDeliveries([id, good]);
    expect(outcomes.find((o) => o.deliveryId === good)).toMatchObject({ status: "processed" });
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    expect(row?.status).toBe("failed");
    expect(row!.error!.length).toBeLessThanOrEqual(300);
    expect(row?.error).toMatch(/^processing error: .*\([0-9A-Z]{5}\)$/);
    expect(row?.error).not.toMatch(/@|params|Failed query|insert into|jane/i);
  });

  it("stores the fields the door reads from a payload made storable, and the raw body as received", async () => {
    const { insertDelivery } = await import("@suture/db");
    const db = await getDb();
    // What a signed body may spell: escapes, which JSON.parse turns into NUL and lone surrogates.
    const rawBody = '{"action":"created\\u0000","installation":{"uuid":"a8e5\\ud800"},"data":{}}';
    const parsed = JSON.parse(rawBody) as { action: string; installation: { uuid: string } };
    const result = await insertDelivery(db, {
      resource: "issue",
      action: parsed.action,
      installationUuid: parsed.installation.uuid,
      dedupKey: "test:storable-door",
      headers: {},
      rawBody,
      status: "ignored",
      error: `unhandled event issue.${parsed.action}`,
    });
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, result.id));
    expect(row).toMatchObject({
      action: "created\ufffd",
      installationUuid: "a8e5\ufffd",
      error: "unhandled event issue.created\ufffd",
      rawBody,
    });
  });
});

describe("a delivery that fails every time", () => {
  const { issueCreated } = poisoned;
  const alwaysFails = (issueId: string) =>
    issueCreated(issueId, undefined, (issue) => {
      issue.title = "always fails";
    });

  // The database fails on this one delivery as if the connection dropped: the failure processing
  // cannot tell from an outage, so nothing parks it — only the attempt bound ends it.
  beforeAll(async () => {
    const db = await getDb();
    await db.execute(
      sql.raw(`create function suture_test_always_fails() returns trigger language plpgsql as $$
        begin
          if new.title like '%always fails%' then raise exception 'connection dropped' using errcode = '08006'; end if;
          return new;
        end $$`),
    );
    await db.execute(
      sql.raw(
        "create trigger suture_test_always_fails before insert on observations for each row execute function suture_test_always_fails()",
      ),
    );
  });

  afterAll(async () => {
    const db = await getDb();
    await db.execute(sql.raw("drop trigger suture_test_always_fails on observations"));
  });

  it("never holds a fresh delivery back: tried before, it goes alone, after the fresh ones", async () => {
    const db = await getDb();
    const poison = await receive("issue.created.json", alwaysFails("7301"));
    await expect(processDeliveries([poison])).rejects.toThrow();

    const fresh = await receive("issue.created.json", issueCreated("7302"));
    const outcomes = await processDeliveries([poison, fresh]);
    expect(outcomes).toEqual([expect.objectContaining({ deliveryId: fresh, status: "processed" })]);
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, poison));
    expect(row).toMatchObject({ status: "pending", attempts: 2 });
  });

  it("does not hold back the fresh deliveries it arrived with either: the failed batch is tried one by one", async () => {
    const db = await getDb();
    const fresh1 = await receive("issue.created.json", issueCreated("7303"));
    const poison = await receive("issue.created.json", alwaysFails("7304"));
    const fresh2 = await receive("issue.created.json", issueCreated("7305"));
    const outcomes = await processDeliveries([fresh1, poison, fresh2]);
    expect(outcomes.map((o) => [o.deliveryId, o.status]).sort()).toEqual(
      [
        [fresh1, "processed"],
        [fresh2, "processed"],
      ].sort(),
    );
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, poison));
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
  });

  it("whichever place it has in the batch: first, two fresh ones after it still go through", async () => {
    const db = await getDb();
    const poison = await receive("issue.created.json", alwaysFails("7307"));
    const fresh1 = await receive("issue.created.json", issueCreated("7308"));
    const fresh2 = await receive("issue.created.json", issueCreated("7309"));
    const outcomes = await processDeliveries([poison, fresh1, fresh2]);
    expect(outcomes.map((o) => [o.deliveryId, o.status]).sort()).toEqual(
      [
        [fresh1, "processed"],
        [fresh2, "processed"],
      ].sort(),
    );
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, poison));
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
  });

  it(`ends failed after ${MAX_DELIVERY_ATTEMPTS} attempts, and the sweeper stops announcing it`, async () => {
    const db = await getDb();
    const id = await receive("issue.created.json", alwaysFails("7306"));
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++)
      await expect(processDeliveries([id])).rejects.toThrow();
    const [tried] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    expect(tried).toMatchObject({ status: "pending", attempts: MAX_DELIVERY_ATTEMPTS });
    expect(await processDeliveries([id])).toEqual([expect.objectContaining({ deliveryId: id, status: "skipped" })]);

    const sweep = await staleDeliveries(0);
    expect(sweep.sentry).not.toContain(id);
    expect(sweep.gaveUp).toBeGreaterThanOrEqual(1);
    const [parked] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    expect(parked).toMatchObject({ status: "failed", attempts: MAX_DELIVERY_ATTEMPTS });
    expect(parked?.error).toMatch(new RegExp(`gave up after ${MAX_DELIVERY_ATTEMPTS} attempts`));
    expect((await staleDeliveries(0)).sentry).not.toContain(id);
  });
});

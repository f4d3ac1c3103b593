import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb, receiveSentryWebhook } from "@suture/core";
import { delivery, fixtureNames, reserialize, SECRET, sentryHeaders } from "./fixtures.ts";

afterAll(() => closeDb());

describe("receiveSentryWebhook", () => {
  it("stores every fixture and answers duplicates for redeliveries with a new Request-ID", async () => {
    for (const name of fixtureNames()) {
      const first = delivery(name);
      const stored = await receiveSentryWebhook(first.body, first.headers);
      expect(stored, name).toMatchObject({ status: "stored", ignored: false });

      const again = delivery(name, reserialize(first.body));
      expect(again.headers.get("request-id")).not.toBe(first.headers.get("request-id"));
      const duplicate = await receiveSentryWebhook(again.body, again.headers);
      expect(duplicate, name).toEqual({
        status: "duplicate",
        deliveryId: (stored as { deliveryId: string }).deliveryId,
      });
    }
  });

  it("keeps the raw bytes, the Sentry headers and a pending status", async () => {
    const { body, headers } = delivery("metric_alert.critical.json", undefined);
    const text = new TextDecoder().decode(body).replace('"id":"4"', '"id":"4-raw"');
    const fresh = delivery("metric_alert.critical.json", text);
    const result = await receiveSentryWebhook(fresh.body, fresh.headers);
    expect(result.status).toBe("stored");
    const db = await getDb();
    const row = await db.query.webhookDeliveries.findFirst({
      where: (d, { eq }) => eq(d.id, (result as { deliveryId: string }).deliveryId),
    });
    expect(row?.rawBody).toBe(text);
    expect(row?.rawBody).toContain("1000.0");
    expect(row).toMatchObject({ resource: "metric_alert", action: "critical", status: "pending" });
    expect(row?.requestId).toBe(fresh.headers.get("request-id"));
    expect(row?.headers["sentry-hook-signature"]).toBe(fresh.headers.get("sentry-hook-signature"));
    expect(headers.get("sentry-hook-resource")).toBe("metric_alert");
  });

  it.each([
    ["missing resource header", (h: Headers) => h.delete("sentry-hook-resource"), 400, /Sentry-Hook-Resource/],
    ["missing signature", (h: Headers) => h.delete("sentry-hook-signature"), 401, /missing Sentry-Hook-Signature/],
    ["wrong signature", (h: Headers) => h.set("sentry-hook-signature", "ab".repeat(32)), 401, /does not match/],
    ["short signature", (h: Headers) => h.set("sentry-hook-signature", "abc"), 401, /does not match/],
    ["non-hex signature", (h: Headers) => h.set("sentry-hook-signature", "zz".repeat(32)), 401, /does not match/],
  ])("rejects %s", async (_label, mutate, code, message) => {
    const d = delivery("issue.created.json", '{"action":"created","data":{"issue":{"id":"1"}},"installation":{"uuid":"x"}}');
    mutate(d.headers);
    const result = await receiveSentryWebhook(d.body, d.headers);
    expect(result).toMatchObject({ status: "rejected", code });
    expect((result as { error: string }).error).toMatch(message);
  });

  it("accepts the UI-component Sentry-App-Signature header", async () => {
    const d = delivery("comment.created.json", '{"action":"created","data":{"comment_id":99001,"issue_id":1,"comment":"x"}}');
    d.headers.set("sentry-app-signature", d.headers.get("sentry-hook-signature")!);
    d.headers.delete("sentry-hook-signature");
    expect(await receiveSentryWebhook(d.body, d.headers)).toMatchObject({ status: "stored" });
  });

  it.each([
    ["not JSON", "{not json", /not valid JSON/],
    ["a JSON array", "[1,2]", /action/],
    ["an object without data", '{"action":"created"}', /data/],
    ["a non-string action", '{"action":5,"data":{}}', /action/],
  ])("answers 400 for a body that is %s", async (_label, text, message) => {
    const d = delivery("issue.created.json", text);
    const result = await receiveSentryWebhook(d.body, d.headers);
    expect(result).toMatchObject({ status: "rejected", code: 400 });
    expect((result as { error: string }).error).toMatch(message);
  });

  it("answers 413 above 1 MiB without storing", async () => {
    const big = new Uint8Array(1024 * 1024 + 1).fill(32);
    const result = await receiveSentryWebhook(big, sentryHeaders("issue", big));
    expect(result).toMatchObject({ status: "rejected", code: 413 });
  });

  it("stores unknown resources and actions as ignored", async () => {
    const body = '{"action":"exploded","data":{"x":1},"installation":{"uuid":"u-1"}}';
    const unknownAction = delivery("issue.created.json", body);
    expect(await receiveSentryWebhook(unknownAction.body, unknownAction.headers)).toMatchObject({
      status: "stored",
      ignored: true,
    });
    const unknownResource = delivery("widget.created.json", body);
    const result = await receiveSentryWebhook(unknownResource.body, unknownResource.headers);
    expect(result).toMatchObject({ status: "stored", ignored: true });
    const db = await getDb();
    const row = await db.query.webhookDeliveries.findFirst({
      where: (d, { eq }) => eq(d.id, (result as { deliveryId: string }).deliveryId),
    });
    expect(row).toMatchObject({ status: "ignored", resource: "widget", action: "exploded" });
  });

  it("verifies against every configured secret and a per-installation secret", async () => {
    const other = "f".repeat(64);
    const d = delivery("seer.root_cause_started.json", '{"action":"root_cause_started","data":{"run_id":777,"group_id":1},"installation":{"uuid":"multi-org"}}', other);
    expect(await receiveSentryWebhook(d.body, d.headers)).toMatchObject({ status: "rejected", code: 401 });
    const { upsertInstallation } = await import("@suture/db");
    const db = await getDb();
    await upsertInstallation(db, { uuid: "multi-org" });
    const { sentryInstallations } = await import("@suture/db/schema");
    await db.update(sentryInstallations).set({ clientSecret: other });
    const { forgetInstallationSecrets } = await import("../src/ingest/installation-secrets.ts");
    forgetInstallationSecrets();
    const retry = delivery("seer.root_cause_started.json", new TextDecoder().decode(d.body), other);
    expect(await receiveSentryWebhook(retry.body, retry.headers)).toMatchObject({ status: "stored" });
    expect(SECRET).not.toBe(other);
  });
});

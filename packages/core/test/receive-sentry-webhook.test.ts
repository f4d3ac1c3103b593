import { afterAll, describe, expect, it } from "vitest";
import { receiveSentryWebhook } from "@suture/core";
import { closeDb, getDb } from "@suture/core/database";
import { delivery, fixtureNames, reserialize, SECRET, sentryHeaders } from "./fixtures.ts";

const UUID = "6f1d2c3b-0000-4000-8000-0000000000cc";
const envelope = (fields: string): string => `{${fields}}`;
const rowOf = async (deliveryId: string) =>
  (await getDb()).query.webhookDeliveries.findFirst({ where: (d, { eq }) => eq(d.id, deliveryId) });

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
    const d = delivery(
      "issue.created.json",
      '{"action":"created","data":{"issue":{"id":"1"}},"installation":{"uuid":"6f1d2c3b-0000-4000-8000-00000000000a"}}',
    );
    mutate(d.headers);
    const result = await receiveSentryWebhook(d.body, d.headers);
    expect(result).toMatchObject({ status: "rejected", code });
    expect((result as { error: string }).error).toMatch(message);
  });

  it("accepts the UI-component Sentry-App-Signature header", async () => {
    const d = delivery(
      "comment.created.json",
      '{"action":"created","data":{"comment_id":99001,"issue_id":1,"comment":"x"}}',
    );
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
    const body = '{"action":"exploded","data":{"x":1},"installation":{"uuid":"6f1d2c3b-0000-4000-8000-00000000000a"}}';
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

  it("stores a resource Sentry added after Suture (activity_alert) as ignored, whatever its body", async () => {
    const uuid = "6f1d2c3b-0000-4000-8000-00000000000b";
    const bodies = [
      // The shared envelope.
      `{"action":"created","installation":{"uuid":"${uuid}"},"data":{"activity":{"id":"9","type":"note"}},"actor":null}`,
      // Not the shared envelope: no data, an action that is not plain, not an object at all.
      '{"action":"created","activity":{"id":"10"}}',
      '{"action":"bad action\\u0000","data":[]}',
      '["activity_alert", 11]',
    ];
    const rows = [];
    for (const body of bodies) {
      const d = delivery("activity_alert.created.json", body);
      const result = await receiveSentryWebhook(d.body, d.headers);
      expect(result, body).toMatchObject({ status: "stored", ignored: true });
      const row = await rowOf((result as { deliveryId: string }).deliveryId);
      expect(row, body).toMatchObject({ status: "ignored", resource: "activity_alert", rawBody: body });
      rows.push(row!);
      // A redelivery is a duplicate, not a second row.
      expect(await receiveSentryWebhook(d.body, d.headers), body).toMatchObject({ status: "duplicate" });
    }
    expect(rows.map((r) => [r.action, r.installationUuid, r.error])).toEqual([
      ["created", uuid, "unhandled event activity_alert.created"],
      [
        "created",
        null,
        'unhandled event activity_alert.created ("data" is missing; body must be a JSON object with "action" and "data")',
      ],
      [
        "unknown",
        null,
        'unhandled event activity_alert.unknown ("action" must be printable ASCII without spaces, got U+0020)',
      ],
      [
        "unknown",
        null,
        'unhandled event activity_alert.unknown (body must be a JSON object with "action" and "data", got an array)',
      ],
    ]);
  });

  it("still refuses a body that is no envelope for a resource Sentry documents", async () => {
    for (const resource of ["seer", "issue", "size_analysis"]) {
      const d = delivery(`${resource}.created.json`, '{"action":"created","activity":{"id":"10"}}');
      expect(await receiveSentryWebhook(d.body, d.headers), resource).toMatchObject({ status: "rejected", code: 400 });
    }
  });

  it("verifies against every configured secret and a per-installation secret", async () => {
    const other = "f".repeat(64);
    const d = delivery(
      "seer.root_cause_started.json",
      '{"action":"root_cause_started","data":{"run_id":777,"group_id":1},"installation":{"uuid":"6f1d2c3b-0000-4000-8000-0000000000bb"}}',
      other,
    );
    expect(await receiveSentryWebhook(d.body, d.headers)).toMatchObject({ status: "rejected", code: 401 });
    const { upsertInstallation } = await import("@suture/db");
    const db = await getDb();
    await upsertInstallation(db, { uuid: "6f1d2c3b-0000-4000-8000-0000000000bb" });
    const { sentryInstallations } = await import("@suture/db/schema");
    await db.update(sentryInstallations).set({ clientSecret: other });
    const { forgetInstallationSecrets } = await import("../src/ingest/sentry/installation-secrets.ts");
    forgetInstallationSecrets();
    const retry = delivery("seer.root_cause_started.json", new TextDecoder().decode(d.body), other);
    expect(await receiveSentryWebhook(retry.body, retry.headers)).toMatchObject({ status: "stored" });
    expect(SECRET).not.toBe(other);
  });

  // Found by fuzzing validly signed bodies: each of these was a 500 and nothing stored.
  it.each([
    [
      "a NUL in the action",
      envelope(`"action":"cre\\u0000ated","data":{"issue":{"id":"nul-1"}},"installation":{"uuid":"${UUID}"}`),
      /"action" must be printable ASCII without spaces, got U\+0000/,
    ],
    [
      "a lone surrogate in the action",
      envelope(`"action":"\\ud800","data":{"issue":{"id":"nul-2"}},"installation":{"uuid":"${UUID}"}`),
      /"action" must be printable ASCII without spaces, got U\+D800/,
    ],
    [
      "a NUL in the installation uuid",
      envelope(
        `"action":"created","data":{"issue":{"id":"nul-3"}},"installation":{"uuid":"6f1d2c3b-0000-4000-8000-00000000000\\u0000"}`,
      ),
      /"installation.uuid" must be a UUID/,
    ],
    [
      "an installation uuid that is no UUID",
      envelope(`"action":"created","data":{"issue":{"id":"nul-4"}},"installation":{"uuid":"multi-org"}`),
      /"installation.uuid" must be a UUID/,
    ],
    [
      "JSON nested 10,000 levels deep",
      envelope(
        `"action":"created","data":{"x":${"[".repeat(10_000)}${"]".repeat(10_000)}},"installation":{"uuid":"${UUID}"}`,
      ),
      /nests JSON deeper than 512 levels/,
    ],
  ])("answers 400, not 500, for a signed body with %s", async (_label, text, message) => {
    const d = delivery("issue.created.json", text);
    const result = await receiveSentryWebhook(d.body, d.headers);
    expect(result).toMatchObject({ status: "rejected", code: 400 });
    expect((result as { error: string }).error).toMatch(message);
    // A resource Suture does not know is stored as ignored instead, its text made storable.
    const unknown = delivery("widget.created.json", text);
    const stored = await receiveSentryWebhook(unknown.body, unknown.headers);
    if (stored.status === "rejected") return expect(stored.error).toMatch(/nests JSON deeper than 512 levels/);
    expect(stored).toMatchObject({ status: "stored", ignored: true });
    const row = await rowOf((stored as { deliveryId: string }).deliveryId);
    expect(row).toMatchObject({ status: "ignored", resource: "widget", installationUuid: null, rawBody: text });
    expect(row?.error).toMatch(message);
    expect(row?.action).toMatch(/^(created|unknown)$/);
  });

  it("stores a body nested 500 levels deep, keyed on its content, and knows its redelivery", async () => {
    const text = envelope(
      `"action":"teleported","data":{"x":${"[".repeat(500)}{"b":1,"a":2}${"]".repeat(500)}},"installation":{"uuid":"${UUID}"}`,
    );
    const first = delivery("widget.created.json", text);
    const stored = await receiveSentryWebhook(first.body, first.headers);
    expect(stored).toMatchObject({ status: "stored", ignored: true });
    expect((await rowOf((stored as { deliveryId: string }).deliveryId))?.rawBody).toBe(text);
    const again = delivery("widget.created.json", text.replace('{"b":1,"a":2}', '{ "a" : 2, "b" : 1 }'));
    expect(await receiveSentryWebhook(again.body, again.headers)).toEqual({
      status: "duplicate",
      deliveryId: (stored as { deliveryId: string }).deliveryId,
    });
  });

  it("stores escapes such as \\u0000 inside data exactly as sent", async () => {
    const text = envelope(
      `"action":"created","data":{"comment_id":424242,"issue_id":1,"comment":"nul \\u0000 and \\ud800 here"},"installation":{"uuid":"${UUID}"}`,
    );
    const d = delivery("comment.created.json", text);
    const result = await receiveSentryWebhook(d.body, d.headers);
    expect(result).toMatchObject({ status: "stored", ignored: false });
    expect((await rowOf((result as { deliveryId: string }).deliveryId))?.rawBody).toBe(text);
  });

  it("stores header values with Latin-1 bytes as they came", async () => {
    const d = delivery(
      "issue.created.json",
      envelope(`"action":"created","data":{"issue":{"id":"latin-1"}},"installation":{"uuid":"${UUID}"}`),
    );
    d.headers.set("request-id", "r\u00e9q-\u00ff");
    d.headers.set("user-agent", "Sentry \u00b5");
    const result = await receiveSentryWebhook(d.body, d.headers);
    expect(result).toMatchObject({ status: "stored" });
    const row = await rowOf((result as { deliveryId: string }).deliveryId);
    expect(row?.requestId).toBe("r\u00e9q-\u00ff");
    expect(row?.headers["user-agent"]).toBe("Sentry \u00b5");
  });

  it.each([
    ["a space", "issue created"],
    ["a Latin-1 letter", "iss\u00fce"],
    ["65 characters", "i".repeat(65)],
  ])("answers 400 for a Sentry-Hook-Resource with %s", async (_label, resource) => {
    const d = delivery("issue.created.json");
    d.headers.set("sentry-hook-resource", resource);
    expect(await receiveSentryWebhook(d.body, d.headers)).toMatchObject({
      status: "rejected",
      code: 400,
      error: expect.stringMatching(/Sentry-Hook-Resource/),
    });
  });

  it("answers every fuzzed signed body with 202, 200 or 400 — never a throw", async () => {
    const pieces = [
      "\\u0000",
      "\\ud800",
      "\\udfff",
      "\\ud83d\\ude00",
      "\\u00e9",
      "\\n",
      " ",
      ":",
      "\\\\",
      "a",
      "0",
      "\\u2028",
    ];
    let seed = 42;
    const random = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const junk = (): string => Array.from({ length: 1 + random(4) }, () => pieces[random(pieces.length)]).join("");
    const statuses = new Map<string, number>();
    for (let i = 0; i < 150; i++) {
      const action = random(3) === 0 ? junk() : "created";
      const uuid = random(3) === 0 ? junk() : UUID;
      const depth = [1, 50, 600][random(3)]!;
      const text = envelope(
        `"action":"${action}","data":{"issue":{"id":"fuzz-${i}-${junk()}"},"note":${"[".repeat(depth)}"${junk()}"${"]".repeat(depth)}},"installation":{"uuid":"${uuid}"}`,
      );
      const d = delivery(["issue.created.json", "widget.created.json", "comment.created.json"][random(3)]!, text);
      const result = await receiveSentryWebhook(d.body, d.headers);
      const status = result.status === "rejected" ? `rejected ${result.code}` : result.status;
      expect(["stored", "duplicate", "rejected 400"], text.slice(0, 200)).toContain(status);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect(statuses.get("stored")).toBeGreaterThan(10);
    expect(statuses.get("rejected 400")).toBeGreaterThan(10);
  });
});

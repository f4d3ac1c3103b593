import { afterAll, describe, expect, it } from "vitest";
import { delivery } from "./fixtures.ts";

// Nothing listens on port 9: the database is unreachable for this whole file.
process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:9/suture";
const { closeDb, receiveSentryWebhook } = await import("@suture/core");

afterAll(() => closeDb().catch(() => {}));

describe("with the database down", () => {
  it("answers unavailable (503) for a valid delivery instead of acknowledging it", async () => {
    const d = delivery("issue.created.json");
    const started = performance.now();
    const result = await receiveSentryWebhook(d.body, d.headers);
    expect(result).toEqual({ status: "unavailable", error: expect.stringMatching(/database unavailable/) });
    // Fast enough that Sentry sees a 503, not a timeout.
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("answers unavailable when a signature can only be checked against stored secrets", async () => {
    const d = delivery("issue.created.json", undefined, "a-secret-only-the-database-knows");
    expect(await receiveSentryWebhook(d.body, d.headers)).toMatchObject({ status: "unavailable" });
  });

  it("still rejects bad input without touching the database", async () => {
    const d = delivery("issue.created.json", "{nope");
    expect(await receiveSentryWebhook(d.body, d.headers)).toMatchObject({ status: "rejected", code: 400 });
  });
});

import { afterAll, describe, expect, it, vi } from "vitest";
import { delivery } from "./fixtures.ts";

// Nothing listens on port 9: the database is unreachable for this whole file.
process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:9/suture";
const { receiveSentryWebhook } = await import("@suture/core");
const { closeDb } = await import("@suture/core/database");
const { log } = await import("@suture/core/observability");

afterAll(() => closeDb().catch(() => {}));

describe("with the database down", () => {
  it("answers unavailable (503) for a valid delivery instead of acknowledging it", async () => {
    const d = delivery("issue.created.json");
    const started = performance.now();
    const result = await receiveSentryWebhook(d.body, d.headers);
    expect(result).toEqual({ status: "unavailable", error: expect.stringMatching(/database unavailable/) });
    // Fast enough that Sentry sees a 503, not a timeout.
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("answers unavailable when a signature can only be checked against stored secrets", async () => {
    const d = delivery("issue.created.json", undefined, "a-secret-only-the-database-knows");
    expect(await receiveSentryWebhook(d.body, d.headers)).toMatchObject({ status: "unavailable" });
  });

  it("still rejects bad input without touching the database", async () => {
    const d = delivery("issue.created.json", "{nope");
    expect(await receiveSentryWebhook(d.body, d.headers)).toMatchObject({ status: "rejected", code: 400 });
  });

  it("answers each of 200 deliveries at 100 per second 503 within 500 ms, and logs the outage once", async () => {
    await closeDb(); // a fresh start: the outage begins with this burst
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    try {
      const answers: Promise<{ status: string; ms: number }>[] = [];
      for (let i = 0; i < 200; i++) {
        const d = delivery("issue.created.json", `{"action":"created","data":{"issue":{"id":"down-${i}"}}}`);
        const started = performance.now();
        answers.push(
          receiveSentryWebhook(d.body, d.headers).then((r) => ({ status: r.status, ms: performance.now() - started })),
        );
        if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const settled = await Promise.all(answers);
      expect(new Set(settled.map((a) => a.status))).toEqual(new Set(["unavailable"]));
      expect(Math.max(...settled.map((a) => a.ms))).toBeLessThan(500);
      const lines = warn.mock.calls.map((call) => String(call[0]));
      expect(lines.filter((l) => l.includes("database unreachable"))).toEqual([
        expect.stringMatching(/database unreachable \(ECONNREFUSED\)/),
      ]);
      expect(lines.filter((l) => l.includes("reachable again"))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});

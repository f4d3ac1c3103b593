import { afterAll, describe, expect, it, vi } from "vitest";
import { GITHUB_SECRET, githubDelivery } from "./github-deliveries.ts";

// Nothing listens on port 9: the database is unreachable for this whole file.
process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:9/suture";
process.env.GITHUB_WEBHOOK_SECRET = GITHUB_SECRET;
const { receiveGithubWebhook } = await import("@suture/core");
const { closeDb } = await import("@suture/core/database");
const { log } = await import("@suture/core/observability");

afterAll(() => closeDb().catch(() => {}));

describe("a GitHub delivery with the database down", () => {
  it("is answered unavailable (503), not acknowledged", async () => {
    const d = await githubDelivery("ping", { zen: "Design for failure." });
    expect(await receiveGithubWebhook(d.body, d.headers)).toEqual({
      status: "unavailable",
      error: expect.stringMatching(/database unavailable/),
    });
  });

  it("answers 100 concurrent deliveries 503 within 500 ms each, logging the outage once", async () => {
    await closeDb(); // a fresh start: the outage begins with this burst
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    try {
      const deliveries = await Promise.all(
        Array.from({ length: 100 }, (_, i) => githubDelivery("pull_request", { action: "opened", number: i })),
      );
      const answers = await Promise.all(
        deliveries.map(async (d) => {
          const started = performance.now();
          const result = await receiveGithubWebhook(d.body, d.headers);
          return { status: result.status, ms: performance.now() - started };
        }),
      );
      expect(new Set(answers.map((a) => a.status))).toEqual(new Set(["unavailable"]));
      expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(500);
      expect(warn.mock.calls.filter(([line]) => String(line).includes("database unreachable"))).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { GITHUB_SECRET, githubDelivery } from "./github-deliveries.ts";

// Nothing listens on port 9: the database is unreachable for this whole file.
process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:9/suture";
process.env.GITHUB_WEBHOOK_SECRET = GITHUB_SECRET;
const { closeDb, receiveGithubWebhook } = await import("@suture/core");

afterAll(() => closeDb().catch(() => {}));

describe("a GitHub delivery with the database down", () => {
  it("is answered unavailable (503), not acknowledged", async () => {
    const d = await githubDelivery("ping", { zen: "Design for failure." });
    expect(await receiveGithubWebhook(d.body, d.headers)).toEqual({ status: "unavailable", error: expect.stringMatching(/database unavailable/) });
  });
});

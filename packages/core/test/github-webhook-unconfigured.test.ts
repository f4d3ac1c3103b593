import { afterAll, describe, expect, it } from "vitest";
import { githubDelivery } from "./github-deliveries.ts";

delete process.env.GITHUB_WEBHOOK_SECRET;
const { receiveGithubWebhook } = await import("@suture/core");
const { closeDb } = await import("@suture/core/database");

afterAll(() => closeDb());

describe("without GITHUB_WEBHOOK_SECRET", () => {
  it("refuses every delivery, saying what to configure", async () => {
    const d = await githubDelivery("ping", { zen: "Keep it logically awesome." });
    expect(await receiveGithubWebhook(d.body, d.headers)).toEqual({
      status: "rejected",
      code: 401,
      error: "no GITHUB_WEBHOOK_SECRET configured on this server",
    });
  });
});

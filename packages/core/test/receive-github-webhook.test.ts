import { afterAll, describe, expect, it } from "vitest";
import { checkSuitePayload, githubDelivery, pullRequestPayload, repository } from "./github-deliveries.ts";
import { closeHarness, core, db, getDb } from "./github-harness.ts";

afterAll(() => closeHarness());

describe("receiveGithubWebhook", () => {
  it("stores a signed delivery as pending, keyed by its delivery GUID", async () => {
    const d = await githubDelivery(
      "pull_request",
      pullRequestPayload("opened", { owner: "acme", repo: "x", number: 1, branch: "b", sha: "c".repeat(40) }),
    );
    const result = await core.receiveGithubWebhook(d.body, d.headers);
    expect(result).toMatchObject({ status: "stored", ignored: false });
    const row = await db.getDelivery(await getDb(), { id: (result as { deliveryId: string }).deliveryId });
    expect(row).toMatchObject({ source: "github", resource: "pull_request", action: "opened", status: "pending" });
    expect(row?.dedupKey).toBe(`github:${d.headers.get("x-github-delivery")}`);
    expect(row?.rawBody).toBe(new TextDecoder().decode(d.body));
  });

  it.each([
    [
      "another secret's signature",
      async () => githubDelivery("ping", { zen: "z" }, { secret: "not-the-secret" }),
      401,
      /does not match/,
    ],
    [
      "no signature",
      async () => strip(await githubDelivery("ping", { zen: "z" }), "x-hub-signature-256"),
      401,
      /missing X-Hub-Signature-256/,
    ],
    [
      "no event header",
      async () => strip(await githubDelivery("ping", { zen: "z" }), "x-github-event"),
      400,
      /X-GitHub-Event/,
    ],
    [
      "no delivery header",
      async () => strip(await githubDelivery("ping", { zen: "z" }), "x-github-delivery"),
      400,
      /X-GitHub-Delivery/,
    ],
    ["a signed body that is not JSON", async () => githubDelivery("ping", "{nope"), 400, /not valid JSON/],
    // Found by fuzzing: a NUL in a stored text column was a 500, and deep nesting is refused early.
    [
      "a NUL in the action",
      async () => githubDelivery("pull_request", '{"action":"open\\u0000ed"}'),
      400,
      /action must be 1-64 printable ASCII/,
    ],
    [
      "JSON nested 10,000 levels deep",
      async () => githubDelivery("pull_request", `{"action":"opened","x":${"[".repeat(10_000)}${"]".repeat(10_000)}}`),
      400,
      /deeper than 512 levels/,
    ],
    [
      "an event header with a space",
      async () => withHeader(await githubDelivery("ping", { zen: "z" }), "x-github-event", "pull request"),
      400,
      /X-GitHub-Event must be/,
    ],
  ])("rejects %s", async (_label, make, code, message) => {
    const d = await make();
    const result = await core.receiveGithubWebhook(d.body, d.headers);
    expect(result).toMatchObject({ status: "rejected", code, error: expect.stringMatching(message) });
  });

  it("answers 413 above 1 MiB", async () => {
    const d = await githubDelivery("ping", `{"zen":"${"z".repeat(1024 * 1024)}"}`);
    expect(await core.receiveGithubWebhook(d.body, d.headers)).toMatchObject({ status: "rejected", code: 413 });
  });

  it("answers a redelivery (same GUID) as a duplicate of the original", async () => {
    const guid = crypto.randomUUID();
    const first = await githubDelivery(
      "check_suite",
      checkSuitePayload({ owner: "acme", repo: "x", branch: "b", sha: "d".repeat(40) }, "success"),
      { guid },
    );
    const stored = await core.receiveGithubWebhook(first.body, first.headers);
    const again = await githubDelivery(
      "check_suite",
      checkSuitePayload({ owner: "acme", repo: "x", branch: "b", sha: "d".repeat(40) }, "success"),
      { guid },
    );
    expect(await core.receiveGithubWebhook(again.body, again.headers)).toEqual({
      status: "duplicate",
      deliveryId: (stored as { deliveryId: string }).deliveryId,
    });
  });

  it("stores ping and unfollowed events as ignored, and processing leaves them be", async () => {
    for (const [event, payload] of [
      ["ping", { zen: "Design for failure.", hook_id: 1, repository: repository("acme", "x") }],
      ["push", { ref: "refs/heads/main" }],
    ] as const) {
      const d = await githubDelivery(event, payload);
      const result = await core.receiveGithubWebhook(d.body, d.headers);
      expect(result, event).toMatchObject({ status: "stored", ignored: true });
      const id = (result as { deliveryId: string }).deliveryId;
      expect(await db.getDelivery(await getDb(), { id })).toMatchObject({ status: "ignored" });
      expect(await core.handleGithubDelivery(id)).toMatchObject({ status: "skipped", reason: "already ignored" });
    }
  });
});

function strip(d: { body: Uint8Array; headers: Headers }, header: string) {
  d.headers.delete(header);
  return d;
}

function withHeader<T extends { headers: Headers }>(d: T, name: string, value: string): T {
  d.headers.set(name, value);
  return d;
}

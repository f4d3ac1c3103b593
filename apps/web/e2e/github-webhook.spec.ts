import { type APIRequestContext, expect, test } from "@playwright/test";
import { githubDeliveryHeaders, signGithubPayload } from "@suture/github/test-support";
import { GITHUB_WEBHOOK_SECRET } from "./github";

const URL = "/api/github/webhooks";

async function post(
  request: APIRequestContext,
  event: string,
  payload: unknown,
  options: { id?: string; secret?: string } = {},
) {
  const body = JSON.stringify(payload);
  const signature = await signGithubPayload(options.secret ?? GITHUB_WEBHOOK_SECRET, body);
  return request.post(URL, {
    data: Buffer.from(body),
    headers: githubDeliveryHeaders(event, options.id ?? crypto.randomUUID(), signature),
  });
}

const pullRequest = (action: string) => ({
  action,
  number: 7,
  pull_request: {
    number: 7,
    state: "closed",
    draft: false,
    merged: true,
    html_url: "https://github.com/acme/shop/pull/7",
    head: { ref: "fix/sentry-SHOP-7", sha: "a".repeat(40) },
    base: { ref: "main" },
  },
  repository: { name: "shop", full_name: "acme/shop", owner: { login: "acme" } },
});

test.describe("POST /api/github/webhooks", () => {
  test("stores a signed delivery once, however often GitHub redelivers it", async ({ request }) => {
    const id = crypto.randomUUID();
    const first = await post(request, "pull_request", pullRequest("closed"), { id });
    expect(first.status()).toBe(202);
    const stored = await first.json();
    expect(stored).toMatchObject({ received: true, deliveryId: expect.any(String) });

    const again = await post(request, "pull_request", pullRequest("closed"), { id });
    expect(again.status()).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, deliveryId: stored.deliveryId });
  });

  test("refuses a delivery signed with another secret, or not signed", async ({ request }) => {
    const forged = await post(request, "pull_request", pullRequest("closed"), { secret: "not-the-secret" });
    expect(forged.status()).toBe(401);
    expect(await forged.json()).toEqual({ error: expect.stringMatching(/signature/i) });

    const unsigned = await request.post(URL, {
      data: JSON.stringify(pullRequest("closed")),
      headers: {
        "content-type": "application/json",
        "x-github-event": "pull_request",
        "x-github-delivery": crypto.randomUUID(),
      },
    });
    expect(unsigned.status()).toBe(401);
  });

  test("answers bad input with a precise 400", async ({ request }) => {
    const noEvent = await request.post(URL, {
      data: "{}",
      headers: { "content-type": "application/json", "x-github-delivery": crypto.randomUUID() },
    });
    expect(noEvent.status()).toBe(400);
    expect((await noEvent.json()).error).toMatch(/X-GitHub-Event/i);

    const body = "{not json";
    const signature = await signGithubPayload(GITHUB_WEBHOOK_SECRET, body);
    const broken = await request.post(URL, {
      data: Buffer.from(body),
      headers: githubDeliveryHeaders("pull_request", crypto.randomUUID(), signature),
    });
    expect(broken.status()).toBe(400);
  });
});

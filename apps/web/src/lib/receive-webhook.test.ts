import { DrizzleQueryError } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReceiveResult } from "@suture/core";
import { log } from "@suture/core/observability";
import { receiveWebhook } from "./receive-webhook";

const announced: string[] = [];
// after() runs its task once the answer is sent; here the task starts at once and each test awaits it.
const afterTasks = vi.hoisted((): Promise<void>[] => []);
vi.mock("next/server", () => ({
  after: (task: () => Promise<void>) => {
    afterTasks.push(task());
  },
}));

const BODY = '{"action":"cre\\u0000ated","data":{"comment":"jane@example.com wrote sk_live_123"}}';
const SIGNATURE = "ab".repeat(32);

function request(): Request {
  return new Request("http://suture.test/api/sentry/webhooks", {
    method: "POST",
    body: BODY,
    headers: {
      "request-id": "c2f1d8e4a3b24f0c9e7d6b5a4c3d2e1f",
      "sentry-hook-resource": "comment",
      "sentry-hook-signature": SIGNATURE,
    },
  });
}

const announce = (id: string): Promise<void> => {
  announced.push(id);
  return Promise.resolve();
};

afterEach(async () => {
  vi.restoreAllMocks();
  announced.length = 0;
  await Promise.all(afterTasks.splice(0));
});

describe("receiveWebhook", () => {
  it("logs a failure as one line with the delivery id, resource and reason — not the body, headers or signature", async () => {
    const error = vi.spyOn(log, "error").mockImplementation(() => {});
    // What drizzle throws for a refused INSERT: every parameter in the message.
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: "22021" });
    const failing = (): Promise<ReceiveResult> =>
      Promise.reject(
        new DrizzleQueryError(
          "insert into webhook_deliveries values ($1, $2, $3)",
          [BODY, { "sentry-hook-signature": SIGNATURE }],
          cause,
        ),
      );
    const response = await receiveWebhook("sentry", request(), failing, announce);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: "internal error; the delivery was not stored" });

    expect(error).toHaveBeenCalledTimes(1);
    const [fields, message] = error.mock.calls[0] as unknown as [Record<string, unknown>, string];
    expect(fields).toEqual({ path: "/api/sentry/webhooks", requestId: "c2f1d8e4a3b24f0c9e7d6b5a4c3d2e1f" });
    expect(message).toMatch(
      /^delivery c2f1d8e4a3b24f0c9e7d6b5a4c3d2e1f \(comment\) not stored: Error 22021: invalid byte sequence/,
    );
    const line = JSON.stringify(error.mock.calls[0]);
    for (const secret of [SIGNATURE, "jane@example.com", "sk_live_123", "params", "\u0000"])
      expect(line).not.toContain(secret);
  });

  it.each([
    [
      { status: "stored", deliveryId: "d-1", ignored: false },
      202,
      { received: true, deliveryId: "d-1", ignored: false },
      null,
      ["d-1"],
    ],
    [
      { status: "stored", deliveryId: "d-2", ignored: true },
      202,
      { received: true, deliveryId: "d-2", ignored: true },
      null,
      [],
    ],
    [{ status: "duplicate", deliveryId: "d-3" }, 200, { received: true, duplicate: true, deliveryId: "d-3" }, null, []],
    [
      { status: "rejected", code: 400, error: '"action" must be printable' },
      400,
      { error: '"action" must be printable' },
      null,
      [],
    ],
    [{ status: "unavailable", error: "database unavailable" }, 503, { error: "database unavailable" }, "30", []],
  ] as const)("answers %o with its status code", async (result, status, json, retryAfter, announcements) => {
    const response = await receiveWebhook("sentry", request(), () => Promise.resolve(result), announce);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual(json);
    expect(response.headers.get("retry-after")).toBe(retryAfter);
    expect(announced).toEqual(announcements);
  });
});

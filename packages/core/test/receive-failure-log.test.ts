import { afterAll, describe, expect, it } from "vitest";
import { insertDelivery } from "@suture/db";
import { describeReceiveFailure } from "@suture/core";
import { closeDb, getDb } from "@suture/core/database";
import { delivery } from "./fixtures.ts";

afterAll(() => closeDb());

describe("describeReceiveFailure", () => {
  it("names the delivery, its resource and the database's code — never the body, headers or signature", async () => {
    const secretText = "customer-email@example.com and a token sk_live_123";
    const d = delivery(
      "issue.created.json",
      `{"action":"created","data":{"issue":{"id":"log-1","title":"${secretText}"}}}`,
    );
    const signature = d.headers.get("sentry-hook-signature")!;
    // A real failing INSERT: drizzle's error quotes every parameter (body, headers, signature).
    const error = await insertDelivery(await getDb(), {
      resource: "issue",
      action: "created",
      dedupKey: "log-test",
      headers: { "sentry-hook-signature": signature },
      rawBody: `\u0000${secretText}`,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toContain(secretText);

    const line = describeReceiveFailure(d.headers, error);
    expect(line).toMatch(new RegExp(`^delivery ${d.headers.get("request-id")} \\(issue\\) not stored: `));
    expect(line).not.toContain(secretText);
    expect(line).not.toContain(signature);
    expect(line).not.toMatch(/params|[^\x20-\x7e…]/);
    expect(line.length).toBeLessThan(500);
  });

  it("keeps one printable line whatever the headers and the error hold", () => {
    const headers = new Headers({ "request-id": "r\u00e9q", "x-github-event": "pull_request" });
    const error = new RangeError('Maximum call stack size exceeded\nsecond line with the body {"a":1}');
    const line = describeReceiveFailure(headers, error);
    expect(line).toMatch(
      /^delivery r\?q \(pull_request\) not stored: RangeError: Maximum call stack size exceeded \(at .+\)$/,
    );
    expect(line).not.toContain('{"a":1}');
    expect(describeReceiveFailure(new Headers(), "thrown text with the body")).toBe(
      "delivery - (-) not stored: non-error thrown (string)",
    );
  });
});

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SentryDouble, startSentryDouble } from "../../test-support/index.ts";
import { listOrganizationIssues, nextCursor } from "./list-issues.ts";
import { retryAfter } from "./sentry-request.ts";

let double: SentryDouble;
const since = new Date("2026-01-01T00:00:00Z");
const until = new Date("2026-01-02T00:00:00Z");

beforeAll(async () => {
  double = await startSentryDouble({ pageSize: 2 });
});
afterAll(() => double.close());

describe("listOrganizationIssues", () => {
  it("reads a page, its next cursor and the rate limit; an entry that is no issue is reported, not fatal", async () => {
    double.setIssues("acme", [
      { id: "1", lastSeen: "2026-01-01T10:00:00Z", surprise: { nested: true } },
      { id: "2; DROP", lastSeen: "2026-01-01T09:00:00Z" },
      { id: 3, lastSeen: "2026-01-01T08:00:00Z" },
      { id: "4", lastSeen: "2025-12-31T00:00:00Z" },
    ]);
    const options = { baseUrl: double.url, token: double.token, org: "acme" };
    const first = await listOrganizationIssues(options, { since, until });
    expect(first).toMatchObject({
      status: "ok",
      issues: [{ issue: { id: "1" }, raw: { id: "1", surprise: { nested: true } } }],
      rejected: [{ index: 1, error: expect.stringContaining("must be a decimal id") }],
      nextCursor: "0:2:0",
      rateLimit: { remaining: 39, resetAt: expect.any(Date) },
    });
    expect(double.calls.at(-1)?.query).toMatchObject({
      project: "-1",
      query: "is:unresolved",
      sort: "date",
      start: since.toISOString(),
      end: until.toISOString(),
    });
    const second = await listOrganizationIssues(options, { since, until, cursor: "0:2:0" });
    expect(second).toMatchObject({ status: "ok", issues: [{ issue: { id: "3" } }], nextCursor: null });
  });

  it("answers a 429 with how long Sentry asks to wait", async () => {
    double.rateLimitNext(7);
    const result = await listOrganizationIssues(
      { baseUrl: double.url, token: double.token, org: "acme" },
      { since, until },
    );
    expect(result).toMatchObject({ status: "failed", httpStatus: 429, retryAfterSeconds: 7 });
  });

  it("refuses a list that is not an array", async () => {
    const server = createServer((_req, res) => res.writeHead(200).end('{"detail":"not a list"}'));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const result = await listOrganizationIssues({ baseUrl: url, token: "t", org: "acme" }, { since, until });
    expect(result).toEqual({ status: "failed", error: "Sentry's issue list is not a JSON array", httpStatus: 200 });
    server.close();
  });
});

describe("nextCursor", () => {
  it.each([
    [
      '<u?c=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", <u?c=0:100:0>; rel="next"; results="true"; cursor="0:100:0"',
      "0:100:0",
    ],
    ['<u>; rel="previous"; results="false"; cursor="0:0:1", <u>; rel="next"; results="false"; cursor="0:100:0"', null],
    ['<u>; rel="next"; results="true"', null],
    ["garbage", null],
    [null, null],
  ])("%s → %s", (link, cursor) => {
    expect(nextCursor(link)).toBe(cursor);
  });
});

describe("retryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each([
    [{ "Retry-After": "12" }, 12],
    [{ "Retry-After": "Thu, 01 Jan 2026 00:00:30 GMT" }, 30],
    [{ "X-Sentry-Rate-Limit-Reset": String(now / 1000 + 5) }, 5],
    [{}, 60],
  ])("%o → %i s", (headers, seconds) => {
    expect(retryAfter(new Headers(headers), now)).toBe(seconds);
  });
});

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SentryDouble, startSentryDouble } from "../../test-support/index.ts";
import { createSentryApi } from "./sentry-api.ts";

let double: SentryDouble;
const apiFor = (d: SentryDouble, extra: { token?: string; timeoutMs?: number } = {}) =>
  createSentryApi({ baseUrl: `${d.url}/`, token: extra.token ?? d.token, org: "acme", timeoutMs: extra.timeoutMs });

beforeAll(async () => {
  double = await startSentryDouble({ knownIssues: ["100", "200"] });
});
afterAll(() => double.close());

describe("createSentryApi against the Sentry double", () => {
  it("fetches the recommended event as an EventContext with a web link", async () => {
    const result = await apiFor(double).recommendedEvent("100");
    expect(result).toMatchObject({
      status: "ok",
      source: "recommended",
      context: {
        eventId: "9999aaaaca8b46d797c23c6077c6ff01",
        errorType: "ForbiddenError",
        webUrl: `${double.url}/organizations/acme/issues/100/events/9999aaaaca8b46d797c23c6077c6ff01/`,
      },
    });
    expect(double.requests.at(-1)).toEqual({
      method: "GET",
      path: "/api/0/organizations/acme/issues/100/events/recommended/",
      body: null,
    });
  });

  it("serves an event set for an issue", async () => {
    double.setEvent("300", { eventID: "abc", title: "Custom", entries: [] });
    expect(await apiFor(double).recommendedEvent("300")).toMatchObject({
      status: "ok",
      context: { eventId: "abc", title: "Custom" },
    });
  });

  it("falls back to the latest event where recommended does not exist", async () => {
    const old = await startSentryDouble({ recommended: false });
    try {
      const result = await apiFor(old).recommendedEvent("100");
      expect(result).toMatchObject({ status: "ok", source: "latest", context: { errorType: "ForbiddenError" } });
      expect(old.requests.map((r) => r.path)).toEqual([
        "/api/0/organizations/acme/issues/100/events/recommended/",
        "/api/0/organizations/acme/issues/100/events/latest/",
      ]);
    } finally {
      await old.close();
    }
  });

  it("reports an unknown issue as failed with 404 after trying both events", async () => {
    const result = await apiFor(double).recommendedEvent("999");
    expect(result).toEqual({
      status: "failed",
      httpStatus: 404,
      error:
        "Sentry GET /api/0/organizations/acme/issues/999/events/latest/: HTTP 404: The requested resource does not exist",
    });
  });

  it.each([
    [
      "resolve in the next release",
      (api: ReturnType<typeof apiFor>) => api.resolveIssue("100", { inNextRelease: true }),
      {
        method: "PUT",
        path: "/api/0/organizations/acme/issues/100/",
        body: { status: "resolved", statusDetails: { inNextRelease: true } },
      },
      { status: "ok" },
    ],
    [
      "resolve now",
      (api: ReturnType<typeof apiFor>) => api.resolveIssue("100", { inNextRelease: false }),
      { method: "PUT", path: "/api/0/organizations/acme/issues/100/", body: { status: "resolved" } },
      { status: "ok" },
    ],
    [
      "link a pull request",
      (api: ReturnType<typeof apiFor>) =>
        api.linkPullRequest("inst-1", {
          issueId: "100",
          webUrl: "https://github.com/acme/api/pull/7",
          project: "acme/api",
          identifier: "7",
        }),
      {
        method: "POST",
        path: "/api/0/sentry-app-installations/inst-1/external-issues/",
        body: { issueId: 100, webUrl: "https://github.com/acme/api/pull/7", project: "acme/api", identifier: "7" },
      },
      { status: "ok", externalIssueId: "1" },
    ],
    [
      "comment",
      (api: ReturnType<typeof apiFor>) => api.comment("200", "Fix: https://github.com/acme/api/pull/7"),
      {
        method: "POST",
        path: "/api/0/organizations/acme/issues/200/comments/",
        body: { text: "Fix: https://github.com/acme/api/pull/7" },
      },
      { status: "ok", commentId: expect.any(String) },
    ],
    [
      "start Autofix up to a pull request",
      (api: ReturnType<typeof apiFor>) => api.startAutofix("100"),
      { method: "POST", path: "/api/0/organizations/acme/issues/100/autofix/", body: { stopping_point: "open_pr" } },
      { status: "ok", runId: "12345" },
    ],
    [
      "start Autofix up to its code changes",
      (api: ReturnType<typeof apiFor>) => api.startAutofix("100", { stoppingPoint: "code_changes" }),
      {
        method: "POST",
        path: "/api/0/organizations/acme/issues/100/autofix/",
        body: { stopping_point: "code_changes" },
      },
      { status: "ok", runId: "12345" },
    ],
  ])("%s", async (_name, call, request, expected) => {
    const result = await call(apiFor(double));
    expect(result).toEqual(expected);
    expect(double.requests.at(-1)).toEqual(request);
  });

  it("refuses a stopping point Sentry does not know without calling it", async () => {
    const before = double.requests.length;
    expect(await apiFor(double).startAutofix("100", { stoppingPoint: "merge" as never })).toEqual({
      status: "failed",
      error: "Autofix stopping point must be one of root_cause, solution, code_changes, open_pr",
    });
    expect(double.requests.length).toBe(before);
  });

  it("refuses bad ids without calling Sentry", async () => {
    const before = double.requests.length;
    expect(await apiFor(double).resolveIssue("../../projects", { inNextRelease: true })).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/must be digits/),
    });
    expect(await apiFor(double).comment("100", "  ")).toMatchObject({
      status: "failed",
      error: "comment text is empty",
    });
    expect(double.requests.length).toBe(before);
  });
});

describe("failures never throw and never show the token", () => {
  const token = "sntrys_SECRET_token_value";

  it("401 with a wrong token", async () => {
    const result = await apiFor(double, { token }).resolveIssue("100", { inNextRelease: true });
    expect(result).toEqual({
      status: "failed",
      httpStatus: 401,
      error: "Sentry PUT /api/0/organizations/acme/issues/100/: HTTP 401: Invalid token",
    });
  });

  it.each([
    [
      "Sentry's detail",
      { detail: "No budget for Seer Autofix." },
      "no Seer budget left for this organization (Sentry answered 402: No budget for Seer Autofix.)",
    ],
    ["no body", "", "no Seer budget left for this organization (Sentry answered 402)"],
    [
      "a detail too long to repeat",
      { detail: "x".repeat(500) },
      "no Seer budget left for this organization (Sentry answered 402)",
    ],
    [
      "a detail that is not plain text",
      { detail: "No budget\n<script>alert(1)</script>" },
      "no Seer budget left for this organization (Sentry answered 402)",
    ],
  ])("402 (no Seer budget) with %s", async (_name, body, error) => {
    const poor = await startSentryDouble();
    try {
      poor.setAutofixFailure({ status: 402, body });
      expect(await apiFor(poor).startAutofix("100")).toEqual({ status: "failed", httpStatus: 402, error });
      // Other errors keep Sentry's status and words.
      poor.setAutofixFailure({ status: 429, body: { detail: "Too many requests" } });
      expect(await apiFor(poor).startAutofix("100")).toEqual({
        status: "failed",
        httpStatus: 429,
        error: "Sentry POST /api/0/organizations/acme/issues/100/autofix/: HTTP 429: Too many requests",
        // No Retry-After nor X-Sentry-Rate-Limit-Reset: a minute.
        retryAfterSeconds: 60,
      });
    } finally {
      await poor.close();
    }
  });

  it("a server that does not answer in time", async () => {
    const slow = await startSentryDouble({ delayMs: 2_000 });
    try {
      const result = await apiFor(slow, { token, timeoutMs: 100 }).startAutofix("100");
      expect(result).toEqual({
        status: "failed",
        error: "Sentry POST /api/0/organizations/acme/issues/100/autofix/: no answer within 0.1 s",
      });
    } finally {
      await slow.close();
    }
  });

  it("connection refused", async () => {
    const port = await closedPort();
    const api = createSentryApi({ baseUrl: `http://127.0.0.1:${port}`, token, org: "acme" });
    const result = await api.recommendedEvent("100");
    expect(result).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/^Sentry GET .*recommended\/: fetch failed \(ECONNREFUSED\)$/),
    });
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it("a server that echoes the token in its error", async () => {
    const echo = createServer((req, res) => res.writeHead(500).end(`bad auth header ${req.headers.authorization}`));
    await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
    try {
      const api = createSentryApi({
        baseUrl: `http://127.0.0.1:${(echo.address() as AddressInfo).port}`,
        token,
        org: "acme",
      });
      const result = await api.comment("100", "hi");
      expect(result).toMatchObject({
        status: "failed",
        httpStatus: 500,
        error: expect.stringContaining("bad auth header Bearer [token]"),
      });
      expect(JSON.stringify(result)).not.toContain(token);
    } finally {
      echo.close();
    }
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

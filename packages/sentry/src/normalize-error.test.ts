/* eslint-disable @typescript-eslint/no-explicit-any -- the edits reach into arbitrary payload fields */
import { describe, expect, it } from "vitest";
import { normalize } from "./normalize.ts";
import { SentryPayloadError } from "./payload-error.ts";
import { editedEnvelope, fixtureEnvelope } from "./test-support.ts";
import type { Normalized, SentryEnvelope } from "./types.ts";

function observe(resource: string, envelope: SentryEnvelope) {
  const result: Normalized = normalize(resource, envelope, { receivedAt: "2025-07-01T12:00:00.000Z" });
  if (result.status !== "observation") throw new Error(`expected an observation, got ${result.status}`);
  return result;
}

const frame = (fn: string, lineno: number, inApp: boolean) => ({
  function: fn,
  filename: `${fn}.py`,
  lineno,
  in_app: inApp,
});

describe("normalize error.created", () => {
  const result = observe("error", fixtureEnvelope("error.created.json"));
  const { observation, issue } = result;

  it("fills the metadata from the event", () => {
    expect(observation.metadata).toMatchObject({
      issueId: "6123456789",
      shortId: null,
      projectSlug: "checkout-api",
      projectId: "42",
      platform: "python",
      level: "error",
      status: null,
      eventCount: null,
      userCount: null,
      firstSeen: null,
      lastSeen: "2025-06-27T06:48:32.867Z",
      release: "checkout-api@2.4.1",
      environment: "production",
      errorType: "Exception",
      errorValue: "This is an example Python exception",
      culprit: "__main__ in main",
      hasStackTrace: true,
      eventId: "9fac2ceed9344f2bbfdd1fdacb0ed9b1",
      orgSlug: "acme",
      handled: false,
      mechanism: "excepthook",
    });
  });

  it("orders frames crashing first: main at main.py:26 before <module> at main.py:28", () => {
    expect(observation.metadata.topFrames).toEqual([
      { function: "main", file: "main.py", line: 26, inApp: true },
      { function: "<module>", file: "main.py", line: 28, inApp: true },
    ]);
    const body = observation.body;
    expect(body).toContain("1. `main` at main.py:26\n   `raise Exception('This is an example Python exception')`");
    expect(body.indexOf("`main` at main.py:26")).toBeLessThan(body.indexOf("`<module>` at main.py:28"));
  });

  it.each([
    ["error type and value", "**Exception**: This is an example Python exception"],
    ["the culprit", "- Culprit: `__main__ in main`"],
    ["the release", "- Release: `checkout-api@2.4.1`"],
    ["the environment", "- Environment: production"],
    ["the platform", "- Platform: python"],
    ["that it was unhandled", "_Unhandled (excepthook)_"],
    ["the issue link", "[Open issue in Sentry](https://sentry.io/organizations/acme/issues/6123456789/)"],
  ])("puts %s in the body", (_label, text) => {
    expect(observation.body).toContain(text);
  });

  it.each([
    ["frame vars", "dict_var"],
    ["frame vars", "Hello, world!"],
    ["user email", "jane.customer@example.com"],
    ["breadcrumbs", "example breadcrumb"],
  ])("keeps %s out of the body", (_label, text) => {
    expect(observation.body).not.toContain(text);
  });

  it("keeps request headers out of the body", () => {
    const docs = observe("error", fixtureEnvelope("error.created.docs-verbatim.json")).observation.body;
    expect(docs).not.toContain("User-Agent");
    expect(docs).not.toContain("Mozilla");
  });

  it("upserts the issue the event belongs to", () => {
    expect(issue).toEqual({
      id: "6123456789",
      shortId: null,
      projectId: "42",
      projectSlug: "checkout-api",
      title: "Exception: This is an example Python exception",
      culprit: "__main__ in main",
      level: "error",
      status: null,
      substatus: null,
      platform: "python",
      eventCount: null,
      userCount: null,
      firstSeen: null,
      lastSeen: "2025-06-27T06:48:32.867Z",
      webUrl: "https://sentry.io/organizations/acme/issues/6123456789/",
    });
    expect(result).toMatchObject({ projectSlug: "checkout-api", projectId: "42" });
  });

  it("references the issue, the event and the release", () => {
    expect(observation.references.map((ref) => [ref.type, ref.id])).toEqual([
      ["sentry_issue", "6123456789"],
      ["event", "9fac2ceed9344f2bbfdd1fdacb0ed9b1"],
      ["release", "checkout-api@2.4.1"],
    ]);
  });

  it("uses the last (outermost) exception of a chain", () => {
    const chained = editedEnvelope("error.created.json", (d: any) => {
      d.error.exception.values.push({
        type: "CheckoutFailed",
        value: "payment step failed",
        stacktrace: { frames: [frame("checkout", 90, true)] },
      });
    });
    const { metadata, body } = observe("error", chained).observation;
    expect(metadata).toMatchObject({ errorType: "CheckoutFailed", errorValue: "payment step failed" });
    expect(body).toContain("1. `checkout` at checkout.py:90");
  });

  it("shows in-app frames only, at most five, crashing first", () => {
    const many = editedEnvelope("error.created.json", (d: any) => {
      const frames = [
        frame("lib", 1, false),
        ...[1, 2, 3, 4, 5, 6, 7].map((n) => frame(`app${n}`, n, true)),
        frame("vendor", 99, false),
      ];
      d.error.exception.values[0].stacktrace.frames = frames;
    });
    const top = observe("error", many).observation.metadata.topFrames as { function: string }[];
    expect(top.map((f) => f.function)).toEqual(["app7", "app6", "app5", "app4", "app3"]);
  });

  it("falls back to all frames when none is in-app", () => {
    const vendorOnly = editedEnvelope("error.created.json", (d: any) => {
      d.error.exception.values[0].stacktrace.frames = [frame("outer", 1, false), frame("inner", 2, false)];
    });
    const { body } = observe("error", vendorOnly).observation;
    expect(body).toContain(
      "**Stack trace** (crashing frame first):\n1. `inner` at inner.py:2\n2. `outer` at outer.py:1",
    );
  });

  it("reports no stack trace for an event without frames", () => {
    const bare = editedEnvelope("error.created.json", (d: any) => {
      delete d.error.exception;
    });
    const { metadata, body } = observe("error", bare).observation;
    expect(metadata).toMatchObject({
      hasStackTrace: false,
      errorType: "Exception",
      errorValue: "This is an example Python exception",
    });
    expect(body).not.toContain("Stack trace");
  });

  it.each([
    [
      "a missing event id",
      (d: any) => delete d.error.event_id,
      "error.created payload is invalid: data.error.event_id: is required",
    ],
    ["a missing event", (d: any) => delete d.error, "error.created payload is invalid: data.error: is required"],
    [
      "a boolean event id",
      (d: any) => (d.error.event_id = true),
      "error.created payload is invalid: data.error.event_id: must be a string or integer id, got boolean",
    ],
    [
      "frames that are not a list",
      (d: any) => (d.error.exception.values[0].stacktrace.frames = "x"),
      "error.created payload is invalid: data.error.exception.values.0.stacktrace.frames: must be array, got string",
    ],
  ])("throws SentryPayloadError for %s", (_label, edit, message) => {
    const envelope = editedEnvelope("error.created.json", edit);
    expect(() => normalize("error", envelope)).toThrow(SentryPayloadError);
    expect(() => normalize("error", envelope)).toThrow(message);
  });
});

describe("normalize event_alert.triggered", () => {
  const { observation, issue } = observe("event_alert", fixtureEnvelope("event_alert.triggered.json"));

  it("carries the event like error.created plus the rule", () => {
    expect(observation.metadata).toMatchObject({
      errorType: "Exception",
      release: "checkout-api@2.4.1",
      hasStackTrace: true,
      triggeredRule: "Checkout errors — production",
      alertRuleId: "318",
      alertSettings: [{ name: "channel", value: "#checkout-alerts" }],
    });
    expect(observation.body).toMatch(/^Issue alert rule `Checkout errors — production` fired for this event\./);
    expect(observation.body).toContain("1. `main` at main.py:26");
    expect(issue?.id).toBe("6123456789");
    expect(observation.references).toContainEqual({
      type: "alert",
      id: "318",
      label: "Checkout errors — production",
      url: null,
    });
  });

  it("still works for alerts without the UI-component issue_alert", () => {
    const plain = editedEnvelope("event_alert.triggered.json", (d: any) => delete d.issue_alert);
    const { sourceId, title } = observe("event_alert", plain).observation;
    expect(sourceId).toBe("9fac2ceed9344f2bbfdd1fdacb0ed9b1:Checkout errors — production");
    expect(title).toBe('🔴 Alert "Checkout errors — production": Exception: This is an example Python exception');
  });
});

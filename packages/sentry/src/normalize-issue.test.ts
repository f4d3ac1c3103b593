/* eslint-disable @typescript-eslint/no-explicit-any -- the edits reach into arbitrary payload fields */
import { describe, expect, it } from "vitest";
import { normalize } from "./normalize.ts";
import { SentryPayloadError } from "./payload-error.ts";
import { editedEnvelope, envelopeOf, fixtureEnvelope } from "./test-support.ts";
import type { SentryEnvelope } from "./types.ts";

const PY = "Exception: This is an example Python exception";

function observe(envelope: SentryEnvelope) {
  const result = normalize("issue", envelope, { receivedAt: "2025-07-01T12:00:00.000Z" });
  if (result.status !== "observation") throw new Error(`expected an observation, got ${result.status}`);
  return result;
}

describe("normalize issue.*", () => {
  it("issue.created: the issue, with counts coerced, and no stack trace", () => {
    const { observation, issue, projectSlug, projectId } = observe(fixtureEnvelope("issue.created.json"));
    expect(observation.metadata).toMatchObject({
      issueId: "6123456789",
      shortId: "CHECKOUT-API-3F",
      projectSlug: "checkout-api",
      projectId: "42",
      platform: "python",
      level: "error",
      status: "unresolved",
      substatus: "new",
      eventCount: 1,
      userCount: 1,
      firstSeen: "2025-06-27T06:48:32.867Z",
      lastSeen: "2025-06-27T06:48:32.867Z",
      release: null,
      environment: null,
      errorType: "Exception",
      errorValue: "This is an example Python exception",
      culprit: "__main__ in main",
      hasStackTrace: false,
      webUrl: "https://acme.sentry.io/issues/6123456789/",
    });
    expect(issue).toMatchObject({
      id: "6123456789",
      shortId: "CHECKOUT-API-3F",
      eventCount: 1,
      webUrl: "https://acme.sentry.io/issues/6123456789/",
    });
    expect({ projectSlug, projectId }).toEqual({ projectSlug: "checkout-api", projectId: "42" });
    expect(observation.references).toEqual([
      {
        type: "sentry_issue",
        id: "6123456789",
        url: "https://acme.sentry.io/issues/6123456789/",
        label: "CHECKOUT-API-3F",
      },
    ]);
    expect(observation.body).toContain("- Crashed in: `main` in main.py");
  });

  it("issue.resolved: resolution type, who resolved it, and no whole user record in metadata", () => {
    const { observation, issue } = observe(fixtureEnvelope("issue.resolved.json"));
    expect(observation.metadata).toMatchObject({
      status: "resolved",
      eventCount: 14,
      userCount: 9,
      resolutionType: "in_next_release",
      statusDetails: { inNextRelease: true },
      changedBy: "Jane Developer",
    });
    expect(JSON.stringify(observation.metadata)).not.toContain("avatarUrl");
    expect(observation.body).toContain("Resolved in the next release by Jane Developer.");
    // Issue state-change payloads have no web_url and a null permalink.
    expect(issue?.webUrl).toBeNull();
  });

  it("issue.resolved in a release references that release", () => {
    const envelope = editedEnvelope("issue.resolved.json", (d: any) => {
      d.resolution_type = "in_release";
      d.issue.statusDetails = { inRelease: "checkout-api@2.4.2" };
    });
    const { observation } = observe(envelope);
    expect(observation.body).toContain("Resolved in a release (`checkout-api@2.4.2`) by Jane Developer.");
    expect(observation.references).toContainEqual({
      type: "release",
      id: "checkout-api@2.4.2",
      label: "checkout-api@2.4.2",
    });
    expect(observation.metadata.resolvedInRelease).toBe("checkout-api@2.4.2");
  });

  it("issue.assigned: the assignee in title, metadata and references", () => {
    const { observation } = observe(fixtureEnvelope("issue.assigned.json"));
    expect(observation.metadata).toMatchObject({ assignee: "Bert Backend", assigneeType: "user", assigneeId: "77" });
    expect(observation.references).toContainEqual({ type: "assignee", id: "77", label: "Bert Backend" });
    expect(observation.body).toContain("Assigned to Bert Backend by Jane Developer.");
  });

  it("issue.assigned to a team", () => {
    const envelope = editedEnvelope(
      "issue.assigned.json",
      (d: any) => (d.assignee = { type: "team", id: 3, name: "backend" }),
    );
    const { observation } = observe(envelope);
    expect(observation.title).toBe(`👤 Assigned to backend: ${PY}`);
    expect(observation.body).toContain("Assigned to backend (team) by Jane Developer.");
  });

  it.each([
    ["ignored", "archived_until_escalating", `🔕 Ignored: ${PY}`, "Archived until it escalates by Jane Developer."],
    ["archived", "archived_forever", `🔕 Archived: ${PY}`, "Archived forever by Jane Developer."],
    [
      "unresolved",
      "regressed",
      `🔁 Regressed: ${PY}`,
      "Regressed: it was resolved and happened again by Jane Developer.",
    ],
    ["unresolved", "escalating", `📈 Escalating: ${PY}`, "Escalating: far more events than usual by Jane Developer."],
    ["unresolved", "ongoing", `↩️ Unresolved: ${PY}`, "Ongoing by Jane Developer."],
  ])("issue.%s with substatus %s", (action, substatus, title, line) => {
    const json = fixtureEnvelope("issue.ignored.json");
    const envelope: SentryEnvelope = {
      ...json,
      action,
      data: { issue: { ...(json.data.issue as object), substatus } },
    };
    const { observation } = observe(envelope);
    expect(observation).toMatchObject({ title, sourceType: `issue.${action}`, sourceId: `6123456789:${action}` });
    expect(observation.body).toContain(line);
  });

  it("does not say 'by Sentry' for a regression Sentry detected", () => {
    expect(observe(fixtureEnvelope("issue.unresolved.json")).observation.body).toContain(
      "Regressed: it was resolved and happened again.",
    );
  });

  it("uses the level marker on issue.created", () => {
    const warning = editedEnvelope("issue.created.json", (d: any) => (d.issue.level = "warning"));
    expect(observe(warning).observation.title).toBe(`🟠 New issue: ${PY}`);
  });

  it.each([
    [
      "issue.created without issue id",
      "created",
      { issue: { title: "no id" } },
      "issue.created payload is invalid: data.issue.id: is required",
    ],
    [
      "issue.resolved without issue",
      "resolved",
      { resolution_type: "now" },
      "issue.resolved payload is invalid: data.issue: is required",
    ],
    [
      "issue.assigned without assignee",
      "assigned",
      { issue: { id: "1" } },
      "issue.assigned payload is invalid: data.assignee: is required",
    ],
    [
      "an issue id that is an object",
      "created",
      { issue: { id: { nested: 1 } } },
      "issue.created payload is invalid: data.issue.id: must be a string or integer id, got object",
    ],
  ])("throws SentryPayloadError for %s", (_label, action, data, message) => {
    const envelope = envelopeOf(action, data);
    expect(() => normalize("issue", envelope)).toThrow(SentryPayloadError);
    expect(() => normalize("issue", envelope)).toThrow(message);
  });

  it("accepts a minimal issue and fills the rest with null", () => {
    const { observation, issue } = observe(envelopeOf("created", { issue: { id: 42, count: "n/a" } }));
    expect(issue).toMatchObject({ id: "42", title: null, eventCount: null, lastSeen: null });
    expect(observation).toMatchObject({ title: "🔴 New issue: issue 42", occurredAt: "2025-07-01T12:00:00.000Z" });
  });
});

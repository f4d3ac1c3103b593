import { describe, expect, it } from "vitest";
import { listFixtures } from "./fixtures.ts";
import { normalize } from "./normalize.ts";
import { envelopeOf, fixtureEnvelope, resourceOf } from "./test-support.ts";
import type { NormalizedObservation } from "./types.ts";

const RECEIVED = "2025-07-01T12:00:00.000Z";
const PY = "Exception: This is an example Python exception";

type Row = Pick<NormalizedObservation, "sourceType" | "sourceId" | "title" | "actor" | "occurredAt">;

// One row per fixture; a new fixture without a row fails the "covers every fixture" test.
const OBSERVATIONS: Record<string, Row> = {
  "comment.created.json": {
    sourceType: "comment.created",
    sourceId: "1234:created",
    title: "💬 Comment on issue 100",
    actor: "colleen",
    occurredAt: "2022-03-02T21:51:44.118Z",
  },
  "comment.updated.json": {
    sourceType: "comment.updated",
    sourceId: "1234:updated",
    title: "💬 Comment edited on issue 100",
    actor: "colleen",
    occurredAt: RECEIVED,
  },
  "comment.deleted.json": {
    sourceType: "comment.deleted",
    sourceId: "1234:deleted",
    title: "💬 Comment deleted on issue 100",
    actor: "colleen",
    occurredAt: RECEIVED,
  },
  "error.created.json": {
    sourceType: "error.created",
    sourceId: "9fac2ceed9344f2bbfdd1fdacb0ed9b1",
    title: `🔴 Error: ${PY}`,
    actor: "Sentry",
    occurredAt: "2025-06-27T06:48:32.867Z",
  },
  "error.created.docs-verbatim.json": {
    sourceType: "error.created",
    sourceId: "bb78c1407cea4519aa397afc059c793d",
    title: "🔴 Error: ReferenceError: blooopy is not defined",
    actor: "Sentry",
    occurredAt: "2019-08-19T20:58:37.391Z",
  },
  "event_alert.triggered.json": {
    sourceType: "event_alert.triggered",
    sourceId: "9fac2ceed9344f2bbfdd1fdacb0ed9b1:318",
    title: `🔴 Alert "Checkout errors — production": ${PY}`,
    actor: "Sentry",
    occurredAt: "2025-06-27T06:48:32.867Z",
  },
  "issue.created.json": {
    sourceType: "issue.created",
    sourceId: "6123456789:created",
    title: `🔴 New issue: ${PY}`,
    actor: "Sentry",
    occurredAt: "2025-06-27T06:48:32.867Z",
  },
  "issue.resolved.json": {
    sourceType: "issue.resolved",
    sourceId: "6123456789:resolved",
    title: `✅ Resolved: ${PY}`,
    actor: "Jane Developer",
    occurredAt: RECEIVED,
  },
  "issue.assigned.json": {
    sourceType: "issue.assigned",
    sourceId: "6123456789:assigned",
    title: `👤 Assigned to Bert Backend: ${PY}`,
    actor: "Jane Developer",
    occurredAt: RECEIVED,
  },
  "issue.ignored.json": {
    sourceType: "issue.ignored",
    sourceId: "6123456789:ignored",
    title: `🔕 Ignored: ${PY}`,
    actor: "Jane Developer",
    occurredAt: RECEIVED,
  },
  "issue.unresolved.json": {
    sourceType: "issue.unresolved",
    sourceId: "6123456789:unresolved",
    title: `🔁 Regressed: ${PY}`,
    actor: "Sentry",
    occurredAt: "2025-07-02T14:30:51.220Z",
  },
  "metric_alert.critical.json": {
    sourceType: "metric_alert.critical",
    sourceId: "4:critical",
    title: "🚨 Metric alert critical: Too many errors",
    actor: "Sentry",
    occurredAt: "2020-09-13T12:26:40.000Z",
  },
  "metric_alert.resolved.json": {
    sourceType: "metric_alert.resolved",
    sourceId: "4:resolved",
    title: "✅ Metric alert resolved: Too many errors",
    actor: "Sentry",
    occurredAt: RECEIVED,
  },
  "preprod_artifact.size_analysis_completed.json": {
    sourceType: "preprod_artifact.size_analysis_completed",
    sourceId: "72:size_analysis_completed",
    title: "📦 Size analysis completed: MyApp 1.0 (2)",
    actor: "Sentry",
    occurredAt: RECEIVED,
  },
  "seer.root_cause_started.json": {
    sourceType: "seer.root_cause_started",
    sourceId: "12345:root_cause_started",
    title: "🤖 Seer root cause analysis started: issue 1170820242",
    actor: "Sentry",
    occurredAt: RECEIVED,
  },
  "seer.root_cause_completed.json": {
    sourceType: "seer.root_cause_completed",
    sourceId: "12345:root_cause_completed",
    title: "🤖 Seer root cause found: Woah wow there's a bug here.",
    actor: "Sentry",
    occurredAt: RECEIVED,
  },
  "seer.solution_started.json": {
    sourceType: "seer.solution_started",
    sourceId: "12345:solution_started",
    title: "🤖 Seer solution started: issue 1170820242",
    actor: "Sentry",
    occurredAt: RECEIVED,
  },
  "seer.solution_completed.json": {
    sourceType: "seer.solution_completed",
    sourceId: "12345:solution_completed",
    title: "🤖 Seer solution ready: Definitely need to fix this.",
    actor: "Sentry",
    occurredAt: RECEIVED,
  },
  "seer.coding_started.json": {
    sourceType: "seer.coding_started",
    sourceId: "12345:coding_started",
    title: "🤖 Seer coding started: issue 1170820242",
    actor: "Sentry",
    occurredAt: RECEIVED,
  },
  "seer.coding_completed.json": {
    sourceType: "seer.coding_completed",
    sourceId: "12345:coding_completed",
    title: "🤖 Seer code changes ready: fix: Initialize undefined variable",
    actor: "Sentry",
    occurredAt: RECEIVED,
  },
  "seer.coding_completed.code-changes.json": {
    sourceType: "seer.coding_completed",
    sourceId: "12346:coding_completed",
    title: "🤖 Seer code changes ready: 1 file change in acme/checkout-api",
    actor: "Sentry",
    occurredAt: RECEIVED,
  },
  "seer.iteration_started.json": {
    sourceType: "seer.iteration_started",
    sourceId: "12345:iteration_started:994f2d4e904fc994",
    title: "🤖 Seer iteration started: issue 1170820242",
    actor: "Sentry",
    occurredAt: RECEIVED,
  },
  "seer.iteration_completed.json": {
    sourceType: "seer.iteration_completed",
    sourceId: "12345:iteration_completed:6b77e7e99c0141d8",
    title: "🤖 Seer iteration completed: my-app#123",
    actor: "Sentry",
    occurredAt: RECEIVED,
  },
  "seer.pr_created.json": {
    sourceType: "seer.pr_created",
    sourceId: "12345:pr_created",
    title: "🤖 Seer opened a pull request: my-app#123",
    actor: "Sentry",
    occurredAt: RECEIVED,
  },
};

const INSTALLATIONS: Record<string, unknown> = {
  "installation.created.json": {
    status: "installation",
    action: "created",
    installationUuid: "a8e5d37a-696c-4c54-adb5-b3f28d64c7de",
    orgSlug: "test-org",
    appSlug: "webhooks-galore",
  },
  "installation.deleted.json": {
    status: "installation",
    action: "deleted",
    installationUuid: "a8e5d37a-696c-4c54-adb5-b3f28d64c7de",
    orgSlug: "test-org",
    appSlug: "webhooks-galore",
  },
};

describe("normalize", () => {
  it("covers every fixture", () => {
    expect([...Object.keys(OBSERVATIONS), ...Object.keys(INSTALLATIONS)].sort()).toEqual(listFixtures());
  });

  it.each(Object.entries(OBSERVATIONS))("turns %s into one observation", (name, row) => {
    const result = normalize(resourceOf(name), fixtureEnvelope(name), { receivedAt: RECEIVED });
    if (result.status !== "observation") throw new Error(`expected an observation, got ${result.status}`);
    expect(result.observation).toMatchObject(row);
    expect(result.observation.body.length).toBeGreaterThan(0);
    for (const key of [
      "issueId",
      "shortId",
      "projectSlug",
      "projectId",
      "platform",
      "level",
      "status",
      "eventCount",
      "userCount",
      "firstSeen",
      "lastSeen",
      "release",
      "environment",
      "errorType",
      "errorValue",
      "culprit",
      "hasStackTrace",
    ]) {
      expect(result.observation.metadata).toHaveProperty(key);
    }
  });

  it.each(Object.entries(INSTALLATIONS))("turns %s into an installation", (name, expected) => {
    expect(normalize("installation", fixtureEnvelope(name))).toEqual(expected);
  });

  it.each(Object.keys(OBSERVATIONS))("is deterministic and plain JSON (stored as jsonb) for %s", (name) => {
    const once = normalize(resourceOf(name), fixtureEnvelope(name), { receivedAt: RECEIVED });
    expect(normalize(resourceOf(name), fixtureEnvelope(name), { receivedAt: RECEIVED })).toStrictEqual(once);
    expect(JSON.parse(JSON.stringify(once))).toStrictEqual(once);
  });

  it("never reads the clock: without receivedAt a payload without time gets a fixed value", () => {
    const result = normalize("seer", fixtureEnvelope("seer.coding_started.json"));
    expect(result.status === "observation" && result.observation.occurredAt).toBe("1970-01-01T00:00:00.000Z");
  });

  it.each([
    ["an unknown resource", "widget", "created", "unhandled event widget.created"],
    ["an unknown issue action", "issue", "exploded", "unhandled event issue.exploded"],
    ["an unknown error action", "error", "deleted", "unhandled event error.deleted"],
    ["an unknown metric alert action", "metric_alert", "open", "unhandled event metric_alert.open"],
    ["an unknown installation action", "installation", "updated", "unhandled event installation.updated"],
  ])("ignores %s with a reason", (_label, resource, action, reason) => {
    expect(normalize(resource, envelopeOf(action, { x: 1 }))).toEqual({ status: "ignored", reason });
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any -- the edits reach into arbitrary payload fields */
import { describe, expect, it } from "vitest";
import { normalize } from "./normalize.ts";
import { SentryPayloadError } from "./payload-error.ts";
import { editedEnvelope, fixtureEnvelope } from "./test-support.ts";
import type { SentryEnvelope } from "./types.ts";

function observe(envelope: SentryEnvelope, receivedAt?: string) {
  const result = normalize("metric_alert", envelope, { receivedAt });
  if (result.status !== "observation") throw new Error(`expected an observation, got ${result.status}`);
  return result;
}

describe("normalize metric_alert.*", () => {
  it("critical: rule, query, threshold and status, routed to the first project", () => {
    const { observation, issue, projectSlug } = observe(fixtureEnvelope("metric_alert.critical.json"));
    expect(observation.metadata).toMatchObject({
      projectSlug: "bar",
      status: "critical",
      alertId: "4",
      alertIdentifier: "1",
      alertStatus: 20,
      alertRuleId: "7",
      alertRuleName: "Too many errors",
      query: "level:error",
      aggregate: "count()",
      threshold: 1000,
      webUrl: "https://sentry.io/organizations/baz/alerts/1/",
    });
    expect(observation.body).toContain(
      "**Critical: Too many errors**\n\n1000 events in the last 10 minutes\nFilter: level:error",
    );
    expect(observation.body).toContain(
      "- Query: `level:error`\n- Aggregate: `count()`\n- Threshold: 1000\n- Time window: 10 min",
    );
    expect(observation.references).toEqual([
      {
        type: "alert",
        id: "4",
        url: "https://sentry.io/organizations/baz/alerts/1/",
        label: "Metric alert #1: Too many errors",
      },
    ]);
    expect(issue).toBeNull();
    expect(projectSlug).toBe("bar");
  });

  it("warning uses the warning marker and threshold", () => {
    const envelope = { ...fixtureEnvelope("metric_alert.critical.json"), action: "warning" };
    const { observation } = observe(envelope);
    expect(observation.title).toBe("⚠️ Metric alert warning: Too many errors");
    expect(observation.metadata.threshold).toBe(500);
  });

  it.each([
    [
      "date_closed when Sentry sends it",
      "2020-09-13T13:00:00.000000Z",
      "2025-07-01T12:00:00.000Z",
      "2020-09-13T13:00:00.000Z",
    ],
    ["the receive time when date_closed is null", null, "2025-07-01T12:00:00.000Z", "2025-07-01T12:00:00.000Z"],
    ["date_started without either", null, undefined, "2020-09-13T12:26:40.000Z"],
  ])("resolved is dated by %s", (_label, dateClosed, receivedAt, expected) => {
    const envelope = editedEnvelope(
      "metric_alert.resolved.json",
      (d: any) => (d.metric_alert.date_closed = dateClosed),
    );
    expect(observe(envelope, receivedAt).observation.occurredAt).toBe(expected);
  });

  it.each([
    [
      "a missing incident",
      (d: any) => delete d.metric_alert,
      "metric_alert.critical payload is invalid: data.metric_alert: is required",
    ],
    [
      "a missing incident id",
      (d: any) => delete d.metric_alert.id,
      "metric_alert.critical payload is invalid: data.metric_alert.id: is required",
    ],
    [
      "projects that are not a list",
      (d: any) => (d.metric_alert.projects = "bar"),
      "metric_alert.critical payload is invalid: data.metric_alert.projects: must be array, got string",
    ],
  ])("throws SentryPayloadError for %s", (_label, edit, message) => {
    const envelope = editedEnvelope("metric_alert.critical.json", edit);
    expect(() => normalize("metric_alert", envelope)).toThrow(SentryPayloadError);
    expect(() => normalize("metric_alert", envelope)).toThrow(message);
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any -- the edits reach into arbitrary payload fields */
import { describe, expect, it } from "vitest";
import { dedupKey } from "./dedup-key.ts";
import { listFixtures } from "./fixtures.ts";
import {
  editedEnvelope,
  envelopeOf,
  fixtureEnvelope,
  fixtureText,
  reserialize,
  resourceOf,
  toEnvelope,
} from "./test-support.ts";
import type { SentryEnvelope } from "./types.ts";

const keyOf = (name: string, envelope: SentryEnvelope = fixtureEnvelope(name)): string =>
  dedupKey(resourceOf(name), envelope);

describe("dedupKey", () => {
  const fixtures = listFixtures();

  it.each(fixtures)("gives %s the same key when the body is re-serialized", (name) => {
    const again = toEnvelope(JSON.parse(reserialize(fixtureText(name))));
    expect(reserialize(fixtureText(name))).not.toBe(fixtureText(name));
    expect(keyOf(name, again)).toBe(keyOf(name));
  });

  it("gives every fixture its own key", () => {
    const keys = fixtures.map((name) => keyOf(name));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(fixtures)("prefixes the key of %s with installation and resource, under 200 chars", (name) => {
    const envelope = fixtureEnvelope(name);
    const key = keyOf(name);
    expect(key.startsWith(`${envelope.installationUuid}:${resourceOf(name)}:${envelope.action}:`)).toBe(true);
    expect(key.length).toBeLessThan(200);
  });

  it.each([
    [
      "error.created",
      "error.created.json",
      "a8e5d37a-696c-4c54-adb5-b3f28d64c7de:error:created:9fac2ceed9344f2bbfdd1fdacb0ed9b1",
    ],
    ["issue.created", "issue.created.json", "a8e5d37a-696c-4c54-adb5-b3f28d64c7de:issue:created:6123456789"],
    ["comment.deleted", "comment.deleted.json", "eac5a0ae-60ec-418f-9318-46dc5e7e52ec:comment:deleted:1234"],
    ["seer.*", "seer.coding_completed.json", "a8e5d37a-696c-4c54-adb5-b3f28d64c7de:seer:coding_completed:12345"],
    [
      "installation.*",
      "installation.deleted.json",
      "a8e5d37a-696c-4c54-adb5-b3f28d64c7de:installation:deleted:a8e5d37a-696c-4c54-adb5-b3f28d64c7de",
    ],
    [
      "preprod_artifact.*",
      "preprod_artifact.size_analysis_completed.json",
      "77081c59-d802-40b8-b635-2e6f792f74de:preprod_artifact:size_analysis_completed:72",
    ],
  ])("names the %s change by its id", (_label, name, key) => {
    expect(keyOf(name)).toBe(key);
  });

  // Each edit is a genuinely new change of the same thing: the key must differ.
  it.each([
    [
      "issue resolved again after a regression (new lastSeen)",
      "issue.resolved.json",
      (d: any) => (d.issue.lastSeen = "2025-07-03T10:00:00.000000Z"),
    ],
    ["issue resolved in another way", "issue.resolved.json", (d: any) => (d.resolution_type = "now")],
    [
      "issue assigned to someone else",
      "issue.assigned.json",
      (d: any) => (d.assignee = { type: "user", id: 78, name: "Cleo" }),
    ],
    [
      "issue archived with another substatus",
      "issue.ignored.json",
      (d: any) => (d.issue.substatus = "archived_forever"),
    ],
    [
      "issue unresolved by a new regression",
      "issue.unresolved.json",
      (d: any) => (d.issue.lastSeen = "2025-08-01T00:00:00Z"),
    ],
    ["comment edited again", "comment.updated.json", (d: any) => (d.comment = "edited twice")],
    ["a different comment", "comment.created.json", (d: any) => (d.comment_id = 1235)],
    ["another event", "error.created.json", (d: any) => (d.error.event_id = "00000000000000000000000000000001")],
    [
      "the same event firing another rule",
      "event_alert.triggered.json",
      (d: any) => ((d.triggered_rule = "Other rule"), (d.issue_alert.id = 319)),
    ],
    [
      "the incident escalating again with a new value",
      "metric_alert.critical.json",
      (d: any) => (d.description_text = "2000 events in the last 10 minutes"),
    ],
    ["the incident moving to another status", "metric_alert.critical.json", (d: any) => (d.metric_alert.status = 10)],
    ["another Seer run", "seer.root_cause_started.json", (d: any) => (d.run_id = 99)],
    ["another build", "preprod_artifact.size_analysis_completed.json", (d: any) => (d.buildId = "73")],
  ])("changes for %s", (_label, name, edit) => {
    expect(keyOf(name, editedEnvelope(name, edit))).not.toBe(keyOf(name));
  });

  // Each edit is the same change as Sentry might re-send it: the key must not change.
  it.each([
    ["an id sent as a number instead of a string", "comment.created.json", (d: any) => (d.comment_id = "1234")],
    ["an issue count that moved on (not part of the change)", "issue.created.json", (d: any) => (d.issue.count = "2")],
    ["a seer payload with extra fields", "seer.pr_created.json", (d: any) => (d.extra = { note: "added later" })],
  ])("stays the same for %s", (_label, name, edit) => {
    expect(keyOf(name, editedEnvelope(name, edit))).toBe(keyOf(name));
  });

  it("separates the same change in two organizations", () => {
    const envelope = fixtureEnvelope("error.created.json");
    expect(dedupKey("error", { ...envelope, installationUuid: "other-org" })).not.toBe(dedupKey("error", envelope));
  });

  it("uses - when the delivery names no installation", () => {
    expect(dedupKey("seer", envelopeOf("coding_started", { run_id: 7, group_id: 1 }, null))).toBe(
      "-:seer:coding_started:7",
    );
  });

  it("hashes the content of seer actions that can repeat within a run", () => {
    const first = envelopeOf("iteration_completed", { run_id: 7, group_id: 1, iteration: 1 });
    const second = envelopeOf("iteration_completed", { run_id: 7, group_id: 1, iteration: 2 });
    expect(dedupKey("seer", first)).toMatch(/^inst-1:seer:iteration_completed:7:[0-9a-f]{32}$/);
    expect(dedupKey("seer", first)).not.toBe(dedupKey("seer", second));
  });

  it("hashes canonical (key-sorted) content for unknown resources", () => {
    const a = envelopeOf("teleported", { b: 1, a: { y: 2, x: [1, "\u00e9"] } });
    const b = envelopeOf("teleported", { a: { x: [1, "é"], y: 2 }, b: 1 });
    expect(dedupKey("widget", a)).toBe(dedupKey("widget", b));
    expect(dedupKey("widget", a)).toMatch(/^inst-1:widget:teleported:[0-9a-f]{32}$/);
    expect(dedupKey("widget", a)).not.toBe(dedupKey("gadget", a));
    expect(dedupKey("widget", a)).not.toBe(dedupKey("widget", envelopeOf("teleported", { b: 2, a: {} })));
  });

  it.each(["issue", "error", "comment", "event_alert", "metric_alert", "seer", "installation", "preprod_artifact"])(
    "falls back to a content hash, without throwing, when a %s payload lacks its id",
    (resource) => {
      const key = dedupKey(resource, envelopeOf("created", { unexpected: true }));
      expect(key).toMatch(new RegExp(`^inst-1:${resource}:created:[0-9a-f]{32}$`));
    },
  );

  it.each([
    ["an unknown resource", "widget", "teleported"],
    ["a comment", "comment", "created"],
    ["a Seer action that can repeat", "seer", "iteration_completed"],
  ])("keys content nested 10,000 levels deep in %s, the same when re-serialized", (_label, resource, action) => {
    const deep = (inner: string): string =>
      `{"run_id":7,"comment_id":1,"comment":${"[".repeat(10_000)}${inner}${"]".repeat(10_000)}}`;
    const key = dedupKey(resource, envelopeOf(action, JSON.parse(deep('{"b":1,"a":2}'))));
    expect(key).toMatch(/:[0-9a-f]{32}$/);
    expect(dedupKey(resource, envelopeOf(action, JSON.parse(deep('{ "a": 2, "b": 1 }'))))).toBe(key);
    expect(dedupKey(resource, envelopeOf(action, JSON.parse(deep('{"b":1,"a":3}'))))).not.toBe(key);
  });

  it("hashes long or unsafe parts so keys stay under 200 chars and ':' only separates", () => {
    const long = "x".repeat(500);
    const key = dedupKey(`res:${long}`, envelopeOf(`act ${long}`, { a: 1 }, `uuid:${long}`));
    expect(key.length).toBeLessThan(200);
    expect(key.split(":")).toHaveLength(4);
    const issue = dedupKey("issue", envelopeOf("resolved", { issue: { id: long, lastSeen: "x" } }, long));
    expect(issue.length).toBeLessThan(200);
  });
});

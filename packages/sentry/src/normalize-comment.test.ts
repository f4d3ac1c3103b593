import { describe, expect, it } from "vitest";
import { normalize } from "./normalize.ts";
import { SentryPayloadError } from "./payload-error.ts";
import { envelopeOf, fixtureEnvelope } from "./test-support.ts";
import type { SentryEnvelope } from "./types.ts";

function observe(envelope: SentryEnvelope, receivedAt = "2025-07-01T12:00:00.000Z") {
  const result = normalize("comment", envelope, { receivedAt });
  if (result.status !== "observation") throw new Error(`expected an observation, got ${result.status}`);
  return result;
}

describe("normalize comment.*", () => {
  it("comment.created: the text, the issue and the project", () => {
    const { observation, issue, projectSlug } = observe(fixtureEnvelope("comment.created.json"));
    expect(observation.body).toBe("**colleen** commented:\n\n> adding a comment\n\n- Issue: 100\n- Project: sentry");
    expect(observation.metadata).toMatchObject({
      issueId: "100",
      projectSlug: "sentry",
      commentId: "1234",
      commentAction: "created",
    });
    expect(issue).toMatchObject({ id: "100", projectSlug: "sentry", title: null });
    expect(projectSlug).toBe("sentry");
  });

  it.each([
    ["comment.updated.json", "**colleen** edited a comment:"],
    ["comment.deleted.json", "**colleen** deleted a comment (last text below):"],
  ])("%s keeps the text and is dated by receipt (its timestamp is the note's creation)", (name, intro) => {
    const { observation } = observe(fixtureEnvelope(name));
    expect(observation.body).toContain(`${intro}\n\n> adding a comment (edited: root cause is in checkout.py)`);
    expect(observation.occurredAt).toBe("2025-07-01T12:00:00.000Z");
    expect(observation.metadata.commentWrittenAt).toBe("2022-03-02T21:51:44.118160+00:00");
  });

  it("quotes every line of a multi-line comment", () => {
    const envelope = envelopeOf("created", { comment_id: 1, issue_id: "2", comment: "first\nsecond" });
    expect(observe(envelope).observation.body).toContain("> first\n> second");
  });

  it.each([
    [
      "created without text",
      "created",
      { comment_id: 1, issue_id: 2 },
      "comment.created payload is invalid: data.comment: is required",
    ],
    [
      "updated without text",
      "updated",
      { comment_id: 1, issue_id: 2 },
      "comment.updated payload is invalid: data.comment: is required",
    ],
    [
      "deleted without comment id",
      "deleted",
      { issue_id: 2 },
      "comment.deleted payload is invalid: data.comment_id: is required",
    ],
    [
      "created without issue id",
      "created",
      { comment_id: 1, comment: "x" },
      "comment.created payload is invalid: data.issue_id: is required",
    ],
  ])("throws SentryPayloadError for %s", (_label, action, data, message) => {
    expect(() => normalize("comment", envelopeOf(action, data))).toThrow(SentryPayloadError);
    expect(() => normalize("comment", envelopeOf(action, data))).toThrow(message);
  });

  it("accepts a delete without text", () => {
    expect(observe(envelopeOf("deleted", { comment_id: 1, issue_id: 2 })).observation.body).toBe(
      "**Sentry** deleted a comment (last text below):\n\n- Issue: 2",
    );
  });
});

import { describe, expect, it } from "vitest";
import { normalize } from "./normalize.ts";
import { SentryPayloadError } from "./payload-error.ts";
import { envelopeOf, fixtureEnvelope } from "./test-support.ts";
import type { SentryEnvelope } from "./types.ts";

function observe(envelope: SentryEnvelope) {
  const result = normalize("seer", envelope, { receivedAt: "2025-07-01T12:00:00.000Z" });
  if (result.status !== "observation") throw new Error(`expected an observation, got ${result.status}`);
  return result;
}

describe("normalize seer.*", () => {
  it("names the issue by group_id only and references the run", () => {
    const { observation, issue, projectSlug } = observe(fixtureEnvelope("seer.root_cause_started.json"));
    expect(issue).toMatchObject({ id: "1170820242", title: null, shortId: null });
    expect(projectSlug).toBeNull();
    expect(observation.metadata).toMatchObject({
      issueId: "1170820242",
      seerRunId: "12345",
      seerAction: "root_cause_started",
    });
    expect(observation.references).toEqual([
      { type: "sentry_issue", id: "1170820242", url: null, label: "Sentry issue 1170820242" },
      { type: "seer_run", id: "12345", label: "Seer run 12345" },
    ]);
  });

  it("root_cause_completed: description and steps, key step marked", () => {
    const { observation } = observe(fixtureEnvelope("seer.root_cause_completed.json"));
    expect(observation.metadata.rootCause).toBe("Woah wow there's a bug here.");
    expect(observation.body).toContain("**Root cause**: Woah wow there's a bug here.");
    expect(observation.body).toContain(
      "2. Next.js server renders the /dashboard route. **(key step)** — `src/app/page.ts` in owner/repo",
    );
    // "N/A" placeholders are not shown as files.
    expect(observation.body).not.toContain("N/A");
  });

  it("root_cause_completed: the newer Explorer artifact shape", () => {
    const envelope = envelopeOf("root_cause_completed", {
      run_id: 1,
      group_id: 2,
      root_cause: {
        one_line_description: "list_var is empty",
        five_whys: ["why 1", "why 2"],
        reproduction_steps: ["call main()"],
        relevant_repo: "acme/checkout-api",
      },
    });
    const { observation } = observe(envelope);
    expect(observation.title).toBe("🤖 Seer root cause found: list_var is empty");
    expect(observation.body).toContain("Why:\n1. why 1\n2. why 2");
    expect(observation.body).toContain("Reproduction:\n1. call main()");
    expect(observation.body).toContain("Repository: `acme/checkout-api`");
  });

  it("solution_completed: description and steps", () => {
    const { observation } = observe(fixtureEnvelope("seer.solution_completed.json"));
    expect(observation.body).toContain(
      "**Solution**: Definitely need to fix this.\n\n1. Go fix it\n2. Then go fix this other thing.",
    );
  });

  it("coding_completed with the documented changes list", () => {
    const { observation } = observe(fixtureEnvelope("seer.coding_completed.json"));
    expect(observation.metadata.changes).toEqual([
      {
        repo: "my-app",
        title: "fix: Initialize undefined variable",
        branch: "seer/fix-this-thing",
        path: null,
        added: 0,
        removed: 0,
      },
    ]);
    expect(observation.body).toContain(
      "- **my-app**: fix: Initialize undefined variable (branch `seer/fix-this-thing`) +0 −0",
    );
  });

  it("coding_completed with the newer code_changes map", () => {
    const { observation, issue } = observe(fixtureEnvelope("seer.coding_completed.code-changes.json"));
    expect(issue?.id).toBe("6123456789");
    expect(observation.metadata.changes).toEqual([
      { repo: "acme/checkout-api", title: null, branch: null, path: "main.py", added: 5, removed: 2 },
    ]);
    expect(observation.body).toContain("- **acme/checkout-api**: `main.py` +5 −2");
    // Diffs stay out of the body and metadata; only their stats are kept.
    expect(observation.body).not.toContain("@@");
    expect(JSON.stringify(observation.metadata)).not.toContain("@@");
  });

  it("coding_completed with one change object per repo and counts taken from its diff", () => {
    const envelope = envelopeOf("coding_completed", {
      run_id: 1,
      group_id: 2,
      code_changes: {
        "acme/web": { title: "fix: guard", branch_name: "seer/guard", patch: "--- a/x\n+++ b/x\n-old\n+new\n+more" },
      },
    });
    expect(observe(envelope).observation.metadata.changes).toEqual([
      { repo: "acme/web", title: "fix: guard", branch: "seer/guard", path: null, added: 2, removed: 1 },
    ]);
  });

  it("pr_created: PR links in references and body", () => {
    const { observation } = observe(fixtureEnvelope("seer.pr_created.json"));
    expect(observation.references).toContainEqual({
      type: "pull_request",
      id: "https://github.com/owner/repo/pull/123",
      url: "https://github.com/owner/repo/pull/123",
      label: "my-app#123",
    });
    expect(observation.body).toContain("- [my-app#123](https://github.com/owner/repo/pull/123) (github)");
  });

  it.each([
    ["iteration_completed", "🤖 Seer iteration completed: issue 2"],
    ["pr_ready_for_review", "🤖 Seer pull request ready for review: issue 2"],
    ["impact_assessment_completed", "🤖 Seer impact assessment completed: issue 2"],
  ])("normalizes the newer or unknown action %s generically", (action, title) => {
    const { observation } = observe(envelopeOf(action, { run_id: 1, group_id: 2, iteration: 3 }));
    expect(observation).toMatchObject({
      title,
      sourceType: `seer.${action}`,
      sourceId: expect.stringMatching(new RegExp(`^1:${action}:[0-9a-f]{16}$`)),
      occurredAt: "2025-07-01T12:00:00.000Z",
    });
  });

  it("tells the iterations of a run apart by their content, and a re-serialized one from none", () => {
    const sourceId = (data: Record<string, unknown>) =>
      observe(envelopeOf("iteration_started", data)).observation.sourceId;
    expect(sourceId({ run_id: 1, group_id: 2, iteration_index: 1 })).not.toBe(
      sourceId({ run_id: 1, group_id: 2, iteration_index: 2 }),
    );
    expect(sourceId({ group_id: 2, iteration_index: 1, run_id: 1 })).toBe(
      sourceId({ run_id: 1, group_id: 2, iteration_index: 1 }),
    );
    // A documented step happens once per run: its id is the run and the action.
    expect(observe(envelopeOf("coding_started", { run_id: 1, group_id: 2 })).observation.sourceId).toBe(
      "1:coding_started",
    );
  });

  it("iteration_completed: the updated pull request and the changes", () => {
    const { observation } = observe(fixtureEnvelope("seer.iteration_completed.json"));
    expect(observation.title).toBe("🤖 Seer iteration completed: my-app#123");
    expect(observation.metadata).toMatchObject({
      seerRunId: "12345",
      seerAction: "iteration_completed",
      pullRequests: [{ url: "https://github.com/owner/repo/pull/123", number: 123 }],
      changes: [{ repo: "my-app", path: "src/handler.py", added: 3, removed: 1 }],
    });
  });

  it.each([
    [
      "a missing run_id",
      "coding_started",
      { group_id: 2 },
      "seer.coding_started payload is invalid: data.run_id: is required",
    ],
    [
      "a missing group_id",
      "coding_started",
      { run_id: 1 },
      "seer.coding_started payload is invalid: data.group_id: is required",
    ],
    [
      "root_cause_completed without root_cause",
      "root_cause_completed",
      { run_id: 1, group_id: 2 },
      "seer.root_cause_completed payload is invalid: data.root_cause: is required",
    ],
    [
      "solution_completed without solution",
      "solution_completed",
      { run_id: 1, group_id: 2 },
      "seer.solution_completed payload is invalid: data.solution: is required",
    ],
    [
      "coding_completed without any changes",
      "coding_completed",
      { run_id: 1, group_id: 2 },
      'seer.coding_completed payload is invalid: data: one of "changes" or "code_changes" is required',
    ],
    [
      "pr_created without pull_requests",
      "pr_created",
      { run_id: 1, group_id: 2 },
      "seer.pr_created payload is invalid: data.pull_requests: is required",
    ],
  ])("throws SentryPayloadError for %s", (_label, action, data, message) => {
    expect(() => normalize("seer", envelopeOf(action, data))).toThrow(SentryPayloadError);
    expect(() => normalize("seer", envelopeOf(action, data))).toThrow(message);
  });
});

import { describe, expect, it } from "vitest";
import { type FixRunEvent, parseFixRunEvent } from "@suture/db";
import { runStages } from "./run-stages.ts";

let seq = 0;
function event(kind: string, data: Record<string, unknown> = {}): FixRunEvent {
  seq++;
  return parseFixRunEvent({ id: `e${seq}`, fixRunId: "r", seq, createdAt: new Date(), kind, message: kind, data });
}

const states = (stages: ReturnType<typeof runStages>) => stages.map((s) => `${s.key}:${s.state}`);

describe("runStages", () => {
  it("shows where a Suture run is, and where a failed one stopped", () => {
    const running = runStages({ origin: "suture", status: "running", prNumber: null }, [
      event("approved"),
      event("started"),
    ]);
    expect(states(running)).toEqual([
      "approved:done",
      "started:done",
      "agent:current",
      "checks:pending",
      "tests:pending",
      "pushed:pending",
      "pr:pending",
    ]);
    const failed = runStages({ origin: "suture", status: "failed", prNumber: null }, [
      event("approved"),
      event("started"),
      event("agent", { exitCode: 0, timedOut: false, durationMs: 1, truncated: false, error: null }),
      event("checks", {
        ok: false,
        reason: "no test touched",
        paths: ["src/a.ts"],
        added: 1,
        removed: 1,
        requireTest: true,
        protectedPatterns: 0,
        maxFiles: 10,
        maxLines: 400,
      }),
    ]);
    expect(states(failed).slice(2, 5)).toEqual(["agent:done", "checks:failed", "tests:pending"]);
  });

  it("shows a run awaiting approval at its first stage, and a rejected one stopped there", () => {
    const awaiting = runStages({ origin: "suture", status: "awaiting_approval", prNumber: null }, [
      event("triaged", { observationId: "o", repository: "acme/shop" }),
    ]);
    expect(states(awaiting)).toEqual([
      "approved:current",
      "started:pending",
      "agent:pending",
      "checks:pending",
      "tests:pending",
      "pushed:pending",
      "pr:pending",
    ]);
    const rejected = runStages({ origin: "suture", status: "rejected", prNumber: null }, [event("rejected")]);
    expect(states(rejected).slice(0, 2)).toEqual(["approved:failed", "started:pending"]);
  });

  it("follows Seer's stages for a Seer run", () => {
    const stages = runStages({ origin: "seer", status: "solution", prNumber: null }, []);
    expect(states(stages)).toEqual(["root_cause:done", "solution:current", "coding:pending", "pr_open:pending"]);
    const merged = runStages({ origin: "seer", status: "merged", prNumber: 4 }, []);
    expect(merged.every((s) => s.state === "done")).toBe(true);
  });
});

import { announceApproval } from "../../fixes/decide-fix-run.ts";
import { triageObservations } from "../../fixes/triage-observations.ts";
import { inngest } from "../client.ts";
import { observationCaptured } from "../events.ts";

/** New observations → at most one fix run per issue, awaiting a person or approved by policy. */
export const triageObservation = inngest.createFunction(
  {
    id: "triage-observation",
    retries: 5,
    triggers: [observationCaptured],
    batchEvents: { maxSize: 100, timeout: "1s" },
  },
  async ({ events, step }) => {
    const outcomes = await step.run("triage", () => triageObservations(events.map((e) => e.data.observationId)));
    const opened = outcomes.flatMap((o) => (o.status === "opened" ? [o] : []));
    for (const o of opened.filter((o) => o.autoApproved)) {
      await step.run(`announce-approval-${o.fixRun.id}`, () => announceApproval(o.fixRun, "policy"));
    }
    return { opened: opened.length, autoApproved: opened.filter((o) => o.autoApproved).length };
  },
);

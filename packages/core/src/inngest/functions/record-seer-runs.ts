import { recordSeerObservations } from "../../seer/record-seer-observations.ts";
import { inngest } from "../client.ts";
import { observationCaptured } from "../events.ts";

/** Seer's webhooks → the fix run of each Seer run, step by step (other observations are ignored). */
export const recordSeerRuns = inngest.createFunction(
  {
    id: "record-seer-runs",
    retries: 5,
    triggers: [observationCaptured],
    batchEvents: { maxSize: 100, timeout: "1s" },
  },
  async ({ events, step }) => {
    const outcomes = await step.run("record", () => recordSeerObservations(events.map((e) => e.data.observationId)));
    return {
      recorded: outcomes.filter((o) => o.status === "recorded").length,
      skipped: outcomes.filter((o) => o.status === "skipped").length,
    };
  },
);

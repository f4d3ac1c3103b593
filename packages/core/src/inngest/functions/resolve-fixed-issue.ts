import { resolveFixedIssue as resolveIssueOfRun } from "../../fixes/resolve-on-merge.ts";
import { inngest } from "../client.ts";
import { fixMerged } from "../events.ts";

/** A fix PR was merged → resolve its Sentry issue in the next release (when enabled). */
export const resolveFixedIssue = inngest.createFunction(
  { id: "resolve-fixed-issue", retries: 3, triggers: [fixMerged] },
  async ({ event, step }) => step.run("resolve", () => resolveIssueOfRun(event.data.fixRunId)),
);

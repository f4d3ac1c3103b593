import { resolveMergedIssue } from "../../pull-requests/resolve-merged-issue.ts";
import { inngest } from "../client.ts";
import { fixMerged } from "../events.ts";

/** A fix PR was merged → resolve its Sentry issue in the next release (when enabled). */
export const resolveFixedIssue = inngest.createFunction(
  { id: "resolve-fixed-issue", retries: 3, triggers: [fixMerged] },
  async ({ event, step }) => step.run("resolve", () => resolveMergedIssue(event.data.fixRunId)),
);

import { failFixRun } from "../../fixes/dispatch/fail-fix-run.ts";
import { gatherFixContext } from "../../fixes/dispatch/gather-fix-context.ts";
import { notifyFix } from "../../fixes/dispatch/notify-fix.ts";
import { openFixPullRequest } from "../../fixes/dispatch/open-fix-pull-request.ts";
import { prepareFixWithServerAgent } from "../../fixes/dispatch/prepare-fix.ts";
import { startFixRun } from "../../fixes/dispatch/start-fix-run.ts";
import { dispatchViaSeer } from "../../fixes/dispatch-via-seer.ts";
import { inngest } from "../client.ts";
import { fixApproved } from "../events.ts";

/**
 * An approved run → a draft PR: context, agent in a sandboxed checkout, checks, push, PR, notify.
 * One run at a time per repository, so a storm of approvals cannot start a crowd of agents.
 */
export const dispatchFixRun = inngest.createFunction(
  {
    id: "dispatch-fix-run",
    retries: 2,
    triggers: [fixApproved],
    concurrency: { limit: 1, key: "event.data.repositoryId" },
    onFailure: async ({ event, error }) => {
      await failFixRun(event.data.event.data.fixRunId, `dispatch stopped after retries: ${error.message}`);
    },
  },
  async ({ event, step }) => {
    const { fixRunId } = event.data;
    const start = await step.run("start", () => startFixRun(fixRunId));
    if (start.status !== "started") return start;
    if (start.viaSeer) return step.run("dispatch-via-seer", () => dispatchViaSeer(fixRunId));

    const context = await step.run("gather-context", () => gatherFixContext(fixRunId));
    const prepared = await step.run("prepare-fix", () => prepareFixWithServerAgent(fixRunId, context));
    if (prepared.status !== "pushed") return prepared;
    const pr = await step.run("open-pull-request", () => openFixPullRequest(fixRunId));
    if (pr.status !== "opened") return pr;
    const notified = await step.run("notify", () => notifyFix(fixRunId));
    return { ...pr, notified };
  },
);

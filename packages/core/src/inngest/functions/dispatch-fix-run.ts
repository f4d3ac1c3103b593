import { failStoppedDispatch } from "../../fixes/dispatch/dispatch-stopped.ts";
import { notifyFix } from "../../fixes/dispatch/notify-fix.ts";
import { openFixPullRequest } from "../../fixes/dispatch/open-fix-pull-request.ts";
import { prepareFixWithServerAgent } from "../../fixes/dispatch/prepare-fix.ts";
import { startFixRun } from "../../fixes/dispatch/start-fix-run.ts";
import { dispatchViaSeer } from "../../seer/dispatch-via-seer.ts";
import { inngest } from "../client.ts";
import { fixApproved } from "../events.ts";

const FUNCTION_ID = "dispatch-fix-run";

/**
 * An approved run → a draft PR: agent in a sandboxed checkout, checks, push, PR, notify.
 * One run at a time per repository, so a storm of approvals cannot start a crowd of agents.
 * Each step reads the run's state from the database and acts only on a run in the state it
 * expects; a step's result only decides whether to go on, never what the next step does.
 */
export const dispatchFixRun = inngest.createFunction(
  {
    id: FUNCTION_ID,
    retries: 2,
    triggers: [fixApproved],
    concurrency: { limit: 1, key: "event.data.repositoryId" },
    onFailure: async ({ event, error }) => {
      await failStoppedDispatch(
        { functionId: event.data.function_id, approved: event.data.event.data, error: error.message },
        `${inngest.id}-${FUNCTION_ID}`,
      );
    },
  },
  async ({ event, step }) => {
    const { fixRunId } = event.data;
    const start = await step.run("start", () => startFixRun(fixRunId));
    if (start.status !== "started") return start;
    if (start.viaSeer) return step.run("dispatch-via-seer", () => dispatchViaSeer(fixRunId));

    // The context is read inside prepare-fix, from the database: a step result cannot reach the prompt.
    const prepared = await step.run("prepare-fix", () => prepareFixWithServerAgent(fixRunId));
    if (prepared.status !== "pushed") return prepared;
    const pr = await step.run("open-pull-request", () => openFixPullRequest(fixRunId));
    if (pr.status !== "opened") return pr;
    const notified = await step.run("notify", () => notifyFix(fixRunId));
    return { ...pr, notified };
  },
);

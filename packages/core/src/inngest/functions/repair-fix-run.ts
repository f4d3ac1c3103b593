import { z } from "zod";
import { endRepair, repairWithServerAgent } from "../../fixes/repair/repair-fix-run.ts";
import { inngest } from "../client.ts";
import { fixRepairRequested } from "../events.ts";

const FUNCTION_ID = "repair-fix-run";
const requested = z.object({ fixRunId: z.string().uuid(), iteration: z.number().int().min(1) });

/**
 * A claimed repair → one more commit on the fix PR's branch: the agent on what GitHub reported,
 * the checks, the repository's tests, a fast-forward push. One repair at a time per repository
 * (its own limit, beside dispatch's). The repair reads its run from the database and acts
 * only while its claim holds; a repair that gives up releases the claim.
 */
export const repairFixRunFunction = inngest.createFunction(
  {
    id: FUNCTION_ID,
    retries: 1,
    triggers: [fixRepairRequested],
    concurrency: { limit: 1, key: "event.data.repositoryId" },
    onFailure: async ({ event }) => {
      if (event.data.function_id !== `${inngest.id}-${FUNCTION_ID}`) return;
      const parsed = requested.safeParse(event.data.event.data);
      if (parsed.success)
        await endRepair(parsed.data.fixRunId, parsed.data.iteration, "the repair stopped after its retries ran out");
    },
  },
  async ({ event, step }) => {
    const { fixRunId, iteration } = event.data;
    return step.run("repair", () => repairWithServerAgent(fixRunId, iteration));
  },
);

import { readSuspectRange } from "../../releases/read-suspect-range.ts";
import { inngest } from "../client.ts";
import { deploymentRecorded } from "../events.ts";

/** A new deployment → its suspect range: the commits since the previous one and what they changed. */
export const readDeploymentRange = inngest.createFunction(
  { id: "read-deployment-range", retries: 5, triggers: [deploymentRecorded] },
  async ({ event, step }) => step.run("read", () => readSuspectRange(event.data.deploymentId)),
);

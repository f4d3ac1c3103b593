import { linkReleases } from "../../releases/link-releases.ts";
import { inngest } from "../client.ts";
import { deploymentRecorded, observationCaptured } from "../events.ts";

/**
 * Observation with a release → the deployments that shipped it; a deployment recorded later
 * back-fills links to the observations already seen for its release.
 */
export const linkRelease = inngest.createFunction(
  {
    id: "link-release",
    retries: 5,
    triggers: [observationCaptured, deploymentRecorded],
    batchEvents: { maxSize: 100, timeout: "1s" },
  },
  async ({ events, step }) => {
    const observationIds: string[] = [];
    const deploymentIds: string[] = [];
    for (const event of events) {
      if ("observationId" in event.data) observationIds.push(event.data.observationId);
      if ("deploymentId" in event.data) deploymentIds.push(event.data.deploymentId);
    }
    return step.run("link", () => linkReleases({ observationIds, deploymentIds }));
  },
);

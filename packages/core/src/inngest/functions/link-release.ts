import { linkReleases } from "../../releases/link-releases.ts";
import { recordSentryDeploys } from "../../releases/record-sentry-deploys.ts";
import { inngest } from "../client.ts";
import { deploymentRecorded, observationCaptured } from "../events.ts";

/**
 * Observation with a release → the deployments that shipped it; a deployment recorded later
 * back-fills links to the observations already seen for its release. A release first seen here
 * gets the deploys Sentry recorded of it, when Sentry credentials are configured.
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
    const linked = await step.run("link", () => linkReleases({ observationIds, deploymentIds }));
    // Releases no deployment records yet: Sentry may know their deploys (they link when announced).
    const fromSentry = await step.run("sentry-deploys", () => recordSentryDeploys(observationIds));
    return { ...linked, ...fromSentry };
  },
);

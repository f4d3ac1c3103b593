import { handleGithubDelivery } from "../../ingest/github/handle-github-delivery.ts";
import { inngest } from "../client.ts";
import { githubDeliveryReceived } from "../events.ts";

/** A stored GitHub delivery → the fix run's PR state; a merge announces `fix/merged`. */
export const processGithubDelivery = inngest.createFunction(
  { id: "process-github-delivery", retries: 5, triggers: [githubDeliveryReceived] },
  async ({ event, step }) => step.run("apply", () => handleGithubDelivery(event.data.deliveryId)),
);

import { reconcileOpenPullRequests } from "../../pull-requests/reconcile-open-pull-requests.ts";
import { inngest } from "../client.ts";

/** Every ten minutes, asks GitHub about every open fix PR: webhooks can be lost or unset. */
export const reconcilePullRequests = inngest.createFunction(
  { id: "reconcile-pull-requests", retries: 1, concurrency: { limit: 1 }, triggers: [{ cron: "*/10 * * * *" }] },
  async ({ step }) => step.run("reconcile", () => reconcileOpenPullRequests()),
);

import { sign } from "@octokit/webhooks-methods";

export { startGithubDouble, type GithubDouble, type GithubDoubleOptions, type DoubleRequest } from "./github-double.ts";
export type { Pull, PullPatch, DoubleLabel } from "./double-state.ts";
export type { DoubleReview, DoubleCheckRun, DoubleCommitStatus, DoubleChecks } from "./double-checks.ts";

/** `X-Hub-Signature-256` for a body, as GitHub computes it. */
export function signGithubPayload(secret: string, body: string): Promise<string> {
  return sign(secret, body);
}

/** The headers GitHub sends with a delivery. */
export function githubDeliveryHeaders(event: string, deliveryId: string, signature: string): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "GitHub-Hookshot/suture-test",
    "x-github-event": event,
    "x-github-delivery": deliveryId,
    "x-github-hook-id": "1",
    "x-hub-signature-256": signature,
  };
}

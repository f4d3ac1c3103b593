import { getDelivery, markDelivery } from "@suture/db";
import { GithubPayloadError, parseGithubWebhook } from "@suture/github";
import { getDb } from "../../database.ts";
import { applyPullRequestUpdate, type AppliedRun } from "../../pull-requests/apply-pull-request-update.ts";
import { recordGithubDeployment } from "../../releases/record-github-deployment.ts";

export type GithubDeliveryOutcome =
  | { status: "processed"; deliveryId: string; runs: AppliedRun[] }
  | { status: "recorded"; deliveryId: string; workspaceIds: string[] }
  | { status: "ignored"; deliveryId: string; reason: string }
  | { status: "failed"; deliveryId: string; error: string }
  | { status: "skipped"; deliveryId: string; reason: string };

/**
 * Processes one stored GitHub delivery: reads it, applies it to the fix runs it concerns and
 * records the outcome on the delivery. A delivery already handled is skipped, so a repeated
 * announcement is harmless. Database errors propagate for the caller's retry.
 */
export async function handleGithubDelivery(deliveryId: string): Promise<GithubDeliveryOutcome> {
  const db = await getDb();
  const delivery = await getDelivery(db, { id: deliveryId });
  if (!delivery) return { status: "skipped", deliveryId, reason: `no delivery ${deliveryId}` };
  if (delivery.source !== "github") return { status: "skipped", deliveryId, reason: "not a GitHub delivery" };
  if (delivery.status !== "pending") return { status: "skipped", deliveryId, reason: `already ${delivery.status}` };

  let parsed: ReturnType<typeof parseGithubWebhook>;
  try {
    parsed = parseGithubWebhook(delivery.resource, JSON.parse(delivery.rawBody));
  } catch (error) {
    if (!(error instanceof GithubPayloadError) && !(error instanceof SyntaxError)) throw error;
    await markDelivery(db, { id: deliveryId, status: "failed", error: error.message });
    return { status: "failed", deliveryId, error: error.message };
  }
  if ("ignored" in parsed) {
    await markDelivery(db, { id: deliveryId, status: "ignored", error: parsed.ignored });
    return { status: "ignored", deliveryId, reason: parsed.ignored };
  }
  if ("environment" in parsed) {
    const workspaceIds = await recordGithubDeployment(parsed);
    if (workspaceIds.length === 0) {
      const reason = `no workspace connected ${parsed.owner}/${parsed.repo}`;
      await markDelivery(db, { id: deliveryId, status: "ignored", error: reason });
      return { status: "ignored", deliveryId, reason };
    }
    await markDelivery(db, { id: deliveryId, status: "processed", workspaceId: workspaceIds[0] ?? null });
    return { status: "recorded", deliveryId, workspaceIds };
  }
  const applied = await applyPullRequestUpdate(parsed);
  if (applied.status === "no_run") {
    await markDelivery(db, { id: deliveryId, status: "ignored", error: applied.reason });
    return { status: "ignored", deliveryId, reason: applied.reason };
  }
  await markDelivery(db, { id: deliveryId, status: "processed", workspaceId: applied.runs[0]?.workspaceId ?? null });
  return { status: "processed", deliveryId, runs: applied.runs };
}

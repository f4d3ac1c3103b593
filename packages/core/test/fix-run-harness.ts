// Fix runs of the sample app, made the way production makes them: signed Sentry deliveries →
// observations → triage. @suture/core is loaded on first use, after the test file set its env.
import { SAMPLE_APP } from "@suture/fixer/test-support";
import { sampleAppDeliveries } from "@suture/sentry/test-support";
import { SECRET } from "./fixtures.ts";

/** A run awaiting approval, for a fresh issue `issueId` of the sample app. */
export async function sampleAppRun(issueId: string, shortId = `SHOP-${issueId.slice(-3)}`): Promise<string> {
  const core = await import("@suture/core");
  const { issue, error } = sampleAppDeliveries(SAMPLE_APP, issueId, shortId, SECRET);
  const ids: string[] = [];
  for (const d of [issue, error]) {
    const stored = await core.receiveSentryWebhook(new TextEncoder().encode(d.body), new Headers(d.headers));
    if (stored.status !== "stored") throw new Error(JSON.stringify(stored));
    ids.push(stored.deliveryId);
  }
  const outcomes = await core.processDeliveries(ids);
  const triaged = await core.triageObservations(outcomes.map((o) => (o as { observationId: string }).observationId));
  const opened = triaged.find((t) => t.status === "opened");
  if (!opened || opened.status !== "opened") throw new Error(JSON.stringify(triaged));
  return opened.fixRun.id;
}

/** The same run approved and claimed for the agent: what prepare-fix finds in a real dispatch. */
export async function startedSampleAppRun(issueId: string): Promise<string> {
  const core = await import("@suture/core");
  const id = await sampleAppRun(issueId);
  const approved = await core.approveFixRun(id, "alice");
  if (approved.status !== "approved") throw new Error(JSON.stringify(approved));
  const started = await core.startFixRun(id);
  if (started.status !== "started" || started.viaSeer) throw new Error(JSON.stringify(started));
  return id;
}

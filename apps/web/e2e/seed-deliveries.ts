// Seeds, before the e2e server starts, what the deliveries and settings specs act on: a workspace
// `lab` with its own installation and two deliveries that failed processing (their content is
// fine: a replay processes them), and one delivery of an installation no workspace owns yet
// (unrouted; auto-routing would otherwise map any new installation to `default`).
import { ensureWorkspace, insertDelivery, routeInstallation } from "@suture/db";
import { getDb } from "@suture/core/database";
import { fixtureBody, signedHeaders } from "./sentry";

export const LAB_INSTALLATION = "0e2e0e2e-0000-4000-8000-00000000001a";
export const UNROUTED_INSTALLATION = "0e2e0e2e-0000-4000-8000-0000000000ee";
export const SEEDED_FAILURE = "processing error: canceling statement due to statement timeout (57014)";

function issueBody(installation: string, issueId: string, title: string): string {
  return fixtureBody("issue.created.json")
    .toString()
    .replaceAll("6123456789", issueId)
    .replaceAll("a8e5d37a-696c-4c54-adb5-b3f28d64c7de", installation)
    .replace("Exception: This is an example Python exception", title);
}

async function seed(key: string, installation: string, body: string, status: "failed" | "unrouted", error: string) {
  const result = await insertDelivery(await getDb(), {
    resource: "issue",
    action: "created",
    dedupKey: `e2e-seed:${key}`,
    headers: signedHeaders("issue", body),
    rawBody: body,
    requestId: `e2e-seed-${key}`,
    installationUuid: installation,
    status,
    error,
  });
  if (result.status !== "inserted") throw new Error(`seeded delivery ${key} already exists`);
}

export async function seedDeliveries(): Promise<void> {
  const db = await getDb();
  const lab = await ensureWorkspace(db, { slug: "lab", name: "Lab" });
  await routeInstallation(db, { uuid: LAB_INSTALLATION, workspaceId: lab.id, autoRouted: false });
  for (const n of [1, 2]) {
    const body = issueBody(LAB_INSTALLATION, `880000000${n}`, `ReferenceError: lab failure ${n}`);
    await seed(`lab-failed-${n}`, LAB_INSTALLATION, body, "failed", SEEDED_FAILURE);
  }
  const unrouted = issueBody(UNROUTED_INSTALLATION, "8800000009", "TypeError: from an unmapped installation");
  await seed(
    "unrouted",
    UNROUTED_INSTALLATION,
    unrouted,
    "unrouted",
    `installation ${UNROUTED_INSTALLATION} is not mapped to a workspace`,
  );
}

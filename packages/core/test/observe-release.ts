import { randomUUID } from "node:crypto";
import { getDb } from "@suture/core/database";
import * as db from "@suture/db";

/** An observation of `release` in `environment`, as processing stores one. */
export async function observeRelease(workspaceId: string, release: string | null, environment: string | null) {
  const handle = await getDb();
  const delivery = await db.insertDelivery(handle, {
    resource: "error",
    action: "created",
    dedupKey: randomUUID(),
    headers: {},
    rawBody: "{}",
  });
  const [row] = await db.insertObservations(handle, {
    observations: [
      {
        workspaceId,
        deliveryId: delivery.id,
        sourceType: "error.created",
        sourceId: randomUUID(),
        title: "TypeError",
        body: "",
        occurredAt: new Date(),
        release,
        environment,
      },
    ],
  });
  return row!.id;
}

"use server";

import {
  replayDelivery,
  replayFailedDeliveries,
  replayFailedInput,
  replayInput,
  type ReplayResult,
} from "@suture/core";
import { type ActionRefusal, workspaceAction } from "@/server/authorized-action";

const replayOne = workspaceAction(replayInput, "admin", (input, scope) => replayDelivery(scope, input));
const replayFailed = workspaceAction(replayFailedInput, "admin", (input, scope) =>
  replayFailedDeliveries(scope, input),
);

/** Replays one of the workspace's deliveries: admins only, audit-logged. */
export async function replayDeliveryAction(input: unknown): Promise<ReplayResult | ActionRefusal> {
  return replayOne(input);
}

/** Replays every failed delivery of the workspace, once the admin has confirmed the count. */
export async function replayFailedAction(input: unknown): Promise<ReplayResult | ActionRefusal> {
  return replayFailed(input);
}

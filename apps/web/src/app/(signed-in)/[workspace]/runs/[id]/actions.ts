"use server";

import { decideFixRunAsMember, decisionInput, repairFixRunAsMember, repairInput } from "@suture/core";
import { workspaceAction } from "@/server/authorized-action";

export type DecisionOutcome =
  | { status: "approved" | "rejected"; by: string }
  | { status: "conflict"; current: string; error: string }
  | { status: "over_budget" | "not_found" | "forbidden" | "invalid" | "unauthenticated"; error: string };

const decide = workspaceAction(decisionInput, "decide", (input, scope) => decideFixRunAsMember(scope, input));

/** Approve & dispatch, or reject, a fix run of the workspace: approvers and admins. */
export async function decideFixRun(input: unknown): Promise<DecisionOutcome> {
  const result = await decide(input);
  switch (result.status) {
    case "approved":
      return { status: "approved", by: result.fixRun.approvedBy ?? "" };
    case "rejected":
      return { status: "rejected", by: result.fixRun.rejectedBy ?? "" };
    case "conflict":
      return { status: "conflict", current: result.current, error: result.error };
    default:
      return { status: result.status, error: result.error };
  }
}

export type RepairOutcome =
  | { status: "requested"; iteration: number }
  | { status: "conflict" | "not_found" | "forbidden" | "invalid" | "unauthenticated"; error: string };

const repair = workspaceAction(repairInput, "decide", (input, scope) => repairFixRunAsMember(scope, input));

/** One more iteration on the run's open PR, from its failing checks or requested changes: approvers and admins. */
export async function repairFixRun(input: unknown): Promise<RepairOutcome> {
  const result = await repair(input);
  return result.status === "requested"
    ? { status: "requested", iteration: result.iteration }
    : { status: result.status, error: result.error };
}

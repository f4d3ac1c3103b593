import { getWorkspaceBySlug, updateWorkspacePolicy, type WorkspacePolicy } from "@suture/db";
import { z } from "zod";
import { getDb } from "../database.ts";

const count = z.coerce.number().int().min(0);

export const policyInput = z
  .object({
    mode: z.enum(["manual", "auto"]),
    autoLevels: z.array(z.enum(["debug", "info", "warning", "error", "fatal"])).min(1),
    autoMinEvents: count,
    autoMinUsers: count,
    autoEnvironments: z.array(z.string().min(1)),
    maxActiveRuns: count,
    maxDispatchesPerHour: count,
    maxDispatchesPerDay: count,
    maxDiffFiles: z.coerce.number().int().min(1),
    maxDiffLines: z.coerce.number().int().min(1),
    requireRegressionTest: z.boolean(),
    requireReproducingTest: z.boolean(),
    dispatchViaSeer: z.boolean(),
    /** Repairs a failing check or a change request starts on its own, per run; 0 = only by hand. */
    autoRepairIterations: z.coerce.number().int().min(0).max(10),
  })
  .partial()
  .strict();

export type SetPolicyResult = { status: "updated"; policy: WorkspacePolicy } | { status: "invalid"; error: string };

/** Changes how a workspace's fix runs start (manual or auto) and what bounds them. */
export async function setWorkspacePolicy(slug: string, input: z.input<typeof policyInput>): Promise<SetPolicyResult> {
  const parsed = policyInput.safeParse(input);
  if (!parsed.success) {
    return {
      status: "invalid",
      error: parsed.error.issues.map((i) => `${i.path.join(".") || "policy"}: ${i.message}`).join("; "),
    };
  }
  const db = await getDb();
  const workspace = await getWorkspaceBySlug(db, { slug });
  if (!workspace) return { status: "invalid", error: `no workspace with slug "${slug}"` };
  return {
    status: "updated",
    policy: await updateWorkspacePolicy(db, { workspaceId: workspace.id, values: parsed.data }),
  };
}

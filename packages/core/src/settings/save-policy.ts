import { getWorkspacePolicy, updateWorkspacePolicy, type WorkspacePolicy } from "@suture/db";
import { z } from "zod";
import { auditAdminChange } from "../audit/audit-admin-change.ts";
import { can, type WorkspaceScope } from "../auth/roles.ts";
import { getDb } from "../database.ts";

const LEVELS = ["debug", "info", "warning", "error", "fatal"] as const;

function count(label: string, min = 0, max = 100_000) {
  return z.coerce
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);
}

const checkbox = z.union([z.boolean(), z.literal("on"), z.literal("")]).transform((v) => v === true || v === "on");

function lines(label: string) {
  return z
    .string()
    .default("")
    .transform((text) =>
      text
        .split(/[\r\n,]+/)
        .map((l) => l.trim())
        .filter((l) => l !== ""),
    )
    .pipe(
      z
        .array(z.string().max(200, `each ${label} entry is at most 200 characters`))
        .max(100, `at most 100 ${label} entries`),
    );
}

/** The whole fix policy as the settings form sends it (checkboxes "on" or absent, lists one per line). */
export const policyFormInput = z
  .object({
    mode: z.enum(["manual", "auto"], { error: "mode is manual or auto" }),
    autoLevels: z.array(z.enum(LEVELS, { error: "unknown level" })).min(1, "choose at least one level for auto mode"),
    autoMinEvents: count("minimum events"),
    autoMinUsers: count("minimum users"),
    autoEnvironments: lines("environment"),
    maxActiveRuns: count("max active runs", 0, 1000),
    maxDispatchesPerHour: count("dispatches per hour"),
    maxDispatchesPerDay: count("dispatches per day"),
    maxDiffFiles: count("max diff files", 1),
    maxDiffLines: count("max diff lines", 1, 1_000_000),
    pathDenylist: lines("path denylist"),
    requireRegressionTest: checkbox.default(false),
    requireReproducingTest: checkbox.default(false),
    dispatchViaSeer: checkbox.default(false),
    autoRepairIterations: count("automatic repairs", 0, 10).default(0),
  })
  .refine((p) => p.maxDispatchesPerDay >= p.maxDispatchesPerHour, {
    error: "dispatches per day cannot be fewer than dispatches per hour",
    path: ["maxDispatchesPerDay"],
  });

type PolicyForm = z.infer<typeof policyFormInput>;

const POLICY_FIELDS = [
  "mode",
  "autoLevels",
  "autoMinEvents",
  "autoMinUsers",
  "autoEnvironments",
  "maxActiveRuns",
  "maxDispatchesPerHour",
  "maxDispatchesPerDay",
  "maxDiffFiles",
  "maxDiffLines",
  "pathDenylist",
  "requireRegressionTest",
  "requireReproducingTest",
  "dispatchViaSeer",
  "autoRepairIterations",
] as const satisfies readonly (keyof PolicyForm)[];

export type PolicyChangeResult =
  { status: "saved"; policy: WorkspacePolicy; changed: (keyof PolicyForm)[] } | { status: "forbidden"; error: string };

/** Replaces the workspace's fix policy and budgets; the fields that changed are audit-logged. Admins only. */
export async function saveFixPolicy(scope: WorkspaceScope, input: PolicyForm): Promise<PolicyChangeResult> {
  if (!can(scope.role, "admin")) return { status: "forbidden", error: "only admins change the fix policy" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const before = await getWorkspacePolicy(tx, { workspaceId: scope.workspaceId });
    const policy = await updateWorkspacePolicy(tx, { workspaceId: scope.workspaceId, values: input });
    const changed = POLICY_FIELDS.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(input[key]));
    if (changed.length > 0) {
      const values = Object.fromEntries(changed.map((key) => [key, input[key]]));
      await auditAdminChange(tx, scope, {
        action: "policy.changed",
        targetType: "workspace",
        targetId: scope.slug,
        data: values,
      });
    }
    return { status: "saved", policy, changed };
  });
}

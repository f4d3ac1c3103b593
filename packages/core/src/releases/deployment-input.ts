import { z } from "zod";

// Text fields refuse what no CI sends and a database cannot store: NUL and lone surrogates.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max, `at most ${max} characters`)
    .refine((value) => !value.includes("\u0000") && !LONE_SURROGATE.test(value), "has a NUL or an unpaired surrogate");

const time = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 time with a zone" })
  .transform((v) => new Date(v));

/** A deployment as CI, `pnpm suture deploy` or any script posts it to `POST /api/deployments`. */
export const deploymentBody = z.strictObject({
  environment: text(100),
  release: text(250),
  commit: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{7,40}$/i, "must be a commit SHA (7 to 40 hex digits)")
    .transform((sha) => sha.toLowerCase())
    .optional(),
  repository: z
    .string()
    .trim()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'must be "owner/name"')
    .optional(),
  url: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .max(2000, "at most 2000 characters")
    .optional(),
  status: z
    .enum(["success", "failure", "in_progress"], { error: "must be success, failure or in_progress" })
    .default("success"),
  startedAt: time.optional(),
  finishedAt: time.optional(),
});

export type DeploymentBody = z.infer<typeof deploymentBody>;

/** The first problem, naming its field: `release: must not be empty`. */
export function deploymentBodyError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid deployment";
  if (issue.code === "unrecognized_keys") return `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  const field = issue.path.join(".");
  if (!field) return "body must be a JSON object";
  if (issue.code === "invalid_type" && issue.input === undefined) return `${field}: is required`;
  return `${field}: ${issue.message}`;
}

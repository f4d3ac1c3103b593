import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/** What the supervisor reads before it sets its children's environment (core reads the rest). */
export const env = createEnv({
  server: {
    SUTURE_FUNCTIONS: z.enum(["web", "worker"]).optional(),
    SUTURE_LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
    NODE_ENV: z.string().optional(),
    /** The worker's scheduling priority (nice, 0–19): processing yields the CPU to the acknowledgements. */
    SUTURE_WORKER_NICE: z.coerce.number().int().min(0).max(19).default(19),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

/**
 * The one place this app writes the environment: settings the children inherit, and that the
 * modules it imports afterwards read (core reads its configuration once, when first imported).
 */
export function setEnv(values: Record<string, string>): void {
  Object.assign(process.env, values);
}

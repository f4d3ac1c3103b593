import { env } from "../../env.ts";

/** Where a person sees the run, when this Suture has a public address. */
export function fixRunUrl(fixRunId: string): string | null {
  // The overview lists recent runs, each row anchored by its id.
  return env.SUTURE_PUBLIC_URL ? new URL(`/#run-${fixRunId}`, env.SUTURE_PUBLIC_URL).toString() : null;
}

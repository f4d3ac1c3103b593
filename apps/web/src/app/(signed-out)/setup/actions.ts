"use server";

import { completeSetup } from "@suture/core";
import { z } from "zod";

const setupInput = z.object({
  token: z.string().min(1).max(200),
  email: z.string(),
  password: z.string(),
  name: z.string().optional(),
});

/** Creates the first admin with the one-time setup token; needs no session (the token is the proof). */
export async function createFirstAdmin(
  input: unknown,
): Promise<{ status: "created" } | { status: "failed"; error: string }> {
  const parsed = setupInput.safeParse(input);
  if (!parsed.success) return { status: "failed", error: "fill in every field" };
  const result = await completeSetup(parsed.data);
  return result.status === "created"
    ? { status: "created" }
    : { status: "failed", error: "error" in result ? result.error : "the first admin already exists: sign in" };
}

import { userInfo } from "node:os";
import type { Actor } from "@suture/core";
import { env } from "./env.ts";

/** The shell's identity in approvals and the audit log: `cli:<os user>`, never a name one types. */
export function cliActor(): Actor {
  let name = env.USER;
  try {
    name = userInfo().username || name;
  } catch {
    // no passwd entry for this uid: keep $USER
  }
  return { userId: null, label: `cli:${name ?? "unknown"}` };
}

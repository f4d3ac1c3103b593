import { execFile } from "node:child_process";
import type { SandboxUser } from "./resolve-sandbox-user.ts";

/**
 * Hands folders (a checkout, a private home) to the sandbox user, recursively. chown(1) with -P
 * and -h changes links themselves and never follows one: a repository may hold a symlink to
 * /etc/shadow, and following it would give the file away.
 */
export function chownForSandbox(paths: readonly string[], user: SandboxUser): Promise<string | null> {
  return new Promise((resolve) => {
    execFile("chown", ["-R", "-P", "-h", `${user.uid}:${user.gid}`, "--", ...paths], (error, _stdout, stderr) => {
      resolve(error ? `could not hand the checkout to uid ${user.uid}: ${(stderr || error.message).trim()}` : null);
    });
  });
}

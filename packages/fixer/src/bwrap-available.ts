import { spawnSync } from "node:child_process";
import type { SandboxUser } from "./resolve-sandbox-user.ts";

export type BwrapCheck = { usable: true } | { usable: false; reason: string };

const checked = new Map<string, BwrapCheck>();

/**
 * Whether bubblewrap can make its namespaces here, as the user the runs will use: it must be
 * installed, and the kernel must let that user create user namespaces (some distributions turn
 * that off with kernel.unprivileged_userns_clone=0, AppArmor's
 * kernel.apparmor_restrict_unprivileged_userns=1, or user.max_user_namespaces=0; containers
 * often forbid it through seccomp). Tried once per user and remembered.
 */
export function bwrapAvailable(runAs?: SandboxUser): BwrapCheck {
  const key = runAs ? `${runAs.uid}:${runAs.gid}` : "self";
  const known = checked.get(key);
  if (known) return known;
  const env: Record<string, string> = { PATH: "/usr/local/bin:/usr/bin:/bin" };
  const tried = spawnSync(
    "bwrap",
    ["--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "true"],
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- Next's types require NODE_ENV; this environment has none on purpose
    { cwd: "/", env: env as NodeJS.ProcessEnv, timeout: 10_000, encoding: "utf8", ...runAs },
  );
  const result: BwrapCheck =
    tried.error && (tried.error as NodeJS.ErrnoException).code === "ENOENT"
      ? { usable: false, reason: "bwrap (bubblewrap) is not installed" }
      : tried.status === 0
        ? { usable: true }
        : {
            usable: false,
            reason: `bwrap cannot create its namespaces here${runAs ? ` as uid ${runAs.uid}` : ""}: ${
              tried.stderr.trim() || tried.error?.message || `exit ${tried.status ?? tried.signal}`
            }`,
          };
  checked.set(key, result);
  return result;
}

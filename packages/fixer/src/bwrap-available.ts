import { spawnSync } from "node:child_process";
import type { SandboxUser } from "./resolve-sandbox-user.ts";

/**
 * `userns`: bwrap runs as the sandbox user and makes a user namespace of its own. `setpriv`: the
 * kernel allows no unprivileged user namespace, so bwrap runs as root without one and `setpriv`
 * switches to the sandbox user inside, all capabilities dropped.
 */
export type BwrapCheck = { usable: true; via: "userns" | "setpriv" } | { usable: false; reason: string };

const checked = new Map<string, BwrapCheck>();
const PROBE = ["--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev"];

/**
 * Whether bubblewrap can make its namespaces here for runs as `runAs` (or as this process's own
 * user): it must be installed, and the kernel must let that user create user namespaces — some
 * systems forbid it (kernel.unprivileged_userns_clone=0, AppArmor's
 * kernel.apparmor_restrict_unprivileged_userns=1, user.max_user_namespaces=0, a container's
 * seccomp filter). As root with a sandbox user, bwrap can then still run without a user
 * namespace and switch users with `setpriv`. Tried once per user and remembered.
 */
export function bwrapAvailable(runAs?: SandboxUser): BwrapCheck {
  const key = runAs ? `${runAs.uid}:${runAs.gid}` : "self";
  const known = checked.get(key);
  if (known) return known;
  const tried = probe(["--unshare-all", ...PROBE, "true"], runAs);
  let result: BwrapCheck = tried.ok ? { usable: true, via: "userns" } : { usable: false, reason: tried.reason };
  if (!tried.ok && !tried.missing && runAs && process.getuid?.() === 0) {
    const asRoot = probe([...PRIVILEGED_UNSHARE, ...PROBE, ...setprivPrefix(runAs), "true"]);
    if (asRoot.ok) result = { usable: true, via: "setpriv" };
  }
  checked.set(key, result);
  return result;
}

/** Every namespace but the user one, which only an unprivileged bwrap needs. */
export const PRIVILEGED_UNSHARE = ["--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"];

/** Becomes the sandbox user with no group and no capability left, and no way to gain one. */
export function setprivPrefix(user: SandboxUser): string[] {
  return [
    "setpriv",
    `--reuid=${user.uid}`,
    `--regid=${user.gid}`,
    "--clear-groups",
    "--inh-caps=-all",
    "--bounding-set=-all",
    "--no-new-privs",
    "--",
  ];
}

function probe(args: string[], runAs?: SandboxUser): { ok: true } | { ok: false; missing: boolean; reason: string } {
  const env: Record<string, string> = { PATH: "/usr/local/bin:/usr/bin:/bin" };
  const tried = spawnSync("bwrap", args, {
    cwd: "/",
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- Next's types require NODE_ENV; this environment has none on purpose
    env: env as NodeJS.ProcessEnv,
    timeout: 10_000,
    encoding: "utf8",
    ...runAs,
  });
  if (tried.status === 0) return { ok: true };
  if (tried.error && (tried.error as NodeJS.ErrnoException).code === "ENOENT")
    return { ok: false, missing: true, reason: "bwrap (bubblewrap) is not installed" };
  const why = tried.stderr.trim() || tried.error?.message || `exit ${tried.status ?? tried.signal}`;
  return {
    ok: false,
    missing: false,
    reason: `bwrap cannot create its namespaces here${runAs ? ` as uid ${runAs.uid}` : ""}: ${why}`,
  };
}

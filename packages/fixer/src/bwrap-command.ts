import { accessSync, constants, existsSync, lstatSync, readlinkSync, realpathSync } from "node:fs";
import { PRIVILEGED_UNSHARE, setprivPrefix } from "./bwrap-available.ts";
import type { SandboxUser } from "./resolve-sandbox-user.ts";
import { delimiter, dirname, isAbsolute, join, resolve, sep } from "node:path";

/** What a bubblewrap sandbox shows the process it runs; everything else of the host is absent. */
export interface BwrapLayout {
  command: string;
  args: readonly string[];
  /** The checkout: the only host folder it can write, mounted at its own path. */
  cwd: string;
  /** The private home (also its TMPDIR), mounted writable at its own path. */
  home: string;
  /** The PATH it gets, to find the command on. */
  path: string;
  /** Whether it shares the host's network; without, only its own loopback exists. */
  network: boolean;
  /** Folders that must stay invisible even where they lie inside a mounted one (the data folder). */
  hide?: readonly string[];
  /**
   * Set when bwrap runs as root without a user namespace (see `bwrapAvailable`): the user that
   * `setpriv` switches to inside.
   */
  switchUser?: SandboxUser;
}

/** The system, read-only; merged-/usr links are recreated as links. */
const SYSTEM = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt", "/run/systemd/resolve"];

/**
 * The `bwrap` command line for one run: new user, PID, mount, IPC, UTS and cgroup namespaces (and
 * network unless `network`), the system read-only, a fresh /proc, /dev and /tmp, the checkout and
 * home writable, the command's own installation read-only, and nothing else: no data folder, no
 * server files, no other process. `--die-with-parent` plus the PID namespace mean that killing
 * bwrap ends every process inside, `setsid` or not. When the command cannot be found or run,
 * returns the error code spawn would have given.
 */
export function bwrapCommand(layout: BwrapLayout): { command: string; args: string[] } | { code: string } {
  const found = findCommand(layout.command, layout.path, layout.cwd);
  if (typeof found !== "string") return found;
  const readOnly = [...new Set([...installRoots(found), ...installRoots(process.execPath)])].filter(
    (root) => !SYSTEM.some((system) => inside(root, system)) && !inside(root, layout.cwd),
  );
  const mounted = [...SYSTEM, ...readOnly, layout.home, layout.cwd];
  // Only what a mount would show; never a folder holding the checkout or the home, which it needs.
  const hide = (layout.hide ?? []).filter(
    (dir) =>
      isAbsolute(dir) &&
      mounted.some((root) => inside(dir, root)) &&
      !inside(layout.cwd, dir) &&
      !inside(layout.home, dir),
  );
  const unshare = layout.switchUser
    ? [...PRIVILEGED_UNSHARE, ...(layout.network ? [] : ["--unshare-net"])]
    : ["--unshare-all", ...(layout.network ? ["--share-net"] : [])];
  const args = [
    ...unshare,
    "--die-with-parent",
    ...SYSTEM.flatMap(systemMount),
    ...["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"],
    ...readOnly.flatMap((dir) => ["--ro-bind", dir, dir]),
    ...["--bind", layout.home, layout.home, "--bind", layout.cwd, layout.cwd],
    ...hide.flatMap((dir) => ["--tmpfs", dir]),
    ...["--chdir", layout.cwd, "--"],
    ...(layout.switchUser ? setprivPrefix(layout.switchUser) : []),
    ...[layout.command, ...layout.args],
  ];
  return { command: "bwrap", args };
}

function systemMount(dir: string): string[] {
  try {
    const stat = lstatSync(dir);
    if (stat.isSymbolicLink()) return ["--symlink", readlinkSync(dir), dir];
    return stat.isDirectory() ? ["--ro-bind", dir, dir] : [];
  } catch {
    return [];
  }
}

/** The executable a command names, as spawn would find it (by path, or on PATH), or why not. */
export function findCommand(command: string, path: string, cwd: string): string | { code: "ENOENT" | "EACCES" } {
  const candidates = command.includes("/")
    ? [resolve(cwd, command)]
    : path
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(resolve(cwd, dir), command));
  const found = candidates.find(isExecutableFile);
  if (found) return found;
  return { code: candidates.some((file) => existsSync(file)) ? "EACCES" : "ENOENT" };
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return !lstatSync(realpathSync(file)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * What must be visible for an executable to run: the outermost `node_modules` holding it (a CLI
 * installed with npm needs its package and its dependencies), else its folder; for the path as
 * found and for where its links lead. For Node itself, its installation prefix.
 */
function installRoots(file: string): string[] {
  const real = realpathSync(file);
  return [file, real].map((p) => {
    const at = p.split(sep).indexOf("node_modules");
    if (at > 0)
      return p
        .split(sep)
        .slice(0, at + 1)
        .join(sep);
    return p === process.execPath || real === realpathSync(process.execPath) ? dirname(dirname(real)) : dirname(p);
  });
}

function inside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

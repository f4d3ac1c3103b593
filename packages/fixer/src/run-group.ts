import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";

// Above what useradd, systemd (container ranges end at 1879048191) and sssd's id mapping (ends at
// 2000200000) hand out by default, below systemd's foreign range (2147352576) and below 2^31.
export const RUN_GID_MIN = 2_001_000_000;
export const RUN_GID_MAX = 2_100_999_999;

const handedOut = new Set<number>();

/** Whether a group id is one `runGroup` hands out, i.e. it belongs to some sandboxed run. */
export function isRunGroup(gid: number): boolean {
  return gid >= RUN_GID_MIN && gid <= RUN_GID_MAX;
}

/**
 * A group id for one sandboxed run, never handed out before by this process and listed in no
 * group file: the run's processes get it as their only group, and only it opens the run's
 * folders. Two processes of the same user but different groups cannot reach each other through
 * /proc (cwd, fds, environ) either; the kernel lets only an identical uid and gid set do that.
 */
export function runGroup(groupFile?: string): number {
  const listed = localGroups(groupFile);
  for (;;) {
    const gid = randomInt(RUN_GID_MIN, RUN_GID_MAX + 1);
    if (handedOut.has(gid) || listed.has(gid)) continue;
    handedOut.add(gid);
    return gid;
  }
}

function localGroups(groupFile?: string): Set<number> {
  let text = groupFile;
  try {
    text ??= readFileSync("/etc/group", "utf8");
  } catch {
    text = "";
  }
  return new Set(
    text
      .split("\n")
      .map((line) => Number(line.split(":")[2]))
      .filter(Number.isInteger),
  );
}

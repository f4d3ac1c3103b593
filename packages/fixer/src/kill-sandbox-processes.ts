import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { isRunGroup } from "./run-group.ts";

const ROUNDS = 50;

interface ProcessEntry {
  pid: number;
  uid: { real: number; saved: number };
  gid: number;
  zombie: boolean;
}

/**
 * Kills every process of the sandbox user except those of other runs still going on: whatever
 * escaped the run's process group (`setsid`, a double fork, a daemon) dies with the run. Matches
 * what that user could signal itself (real or saved uid), so a setuid program it started is
 * included and a root daemon that borrowed its uid as effective uid is not. Processes whose group
 * is another run's (see `runGroup`) are spared: runs of different repositories may overlap, here
 * or in another Suture process. Never touches root or the user Suture runs as.
 *
 * SIGKILL in rounds until a scan of /proc finds none (zombies count as gone), at most `ROUNDS`:
 * a killed process cannot fork again, so even a fork bomb runs out. Returns the pids a last scan
 * still found; each of them has been sent SIGKILL.
 */
export async function killSandboxProcesses(uid: number, runGid: number): Promise<number[]> {
  if (uid === 0 || uid === process.getuid?.()) return [];
  const targets = () =>
    processes()
      .filter((p) => p.pid !== process.pid && !p.zombie && (p.uid.real === uid || p.uid.saved === uid))
      .filter((p) => p.gid === runGid || !isRunGroup(p.gid))
      .map((p) => p.pid);
  let left = targets();
  for (let round = 1; left.length > 0 && round <= ROUNDS; round++) {
    for (const pid of left) kill(pid);
    await sleep(Math.min(5 * round, 100));
    left = targets();
  }
  for (const pid of left) kill(pid);
  return left;
}

function kill(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

function processes(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let status: string;
    try {
      status = readFileSync(`/proc/${name}/status`, "utf8");
    } catch {
      continue; // exited while we looked
    }
    const field = (key: string) => status.match(new RegExp(`^${key}:\\s*(.*)$`, "m"))?.[1] ?? "";
    const uids = field("Uid").split(/\s+/).map(Number);
    const gids = field("Gid").split(/\s+/).map(Number);
    const [realUid, , savedUid] = uids;
    const [gid] = gids;
    if (uids.length < 4 || gids.length < 4 || realUid === undefined || savedUid === undefined || gid === undefined)
      continue;
    entries.push({
      pid: Number(name),
      uid: { real: realUid, saved: savedUid },
      gid,
      zombie: /^[ZX]/.test(field("State")),
    });
  }
  return entries;
}

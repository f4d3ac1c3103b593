import { readFileSync } from "node:fs";

export interface SandboxUser {
  uid: number;
  gid: number;
}

/**
 * The OS user agents and tests run as, by name or numeric uid, from the passwd file. Never root
 * and never the user Suture itself runs as: a process of the same uid can read Suture's
 * environment (its tokens) from /proc, whatever environment it was handed.
 */
export function resolveSandboxUser(
  name: string,
  passwd?: string,
  ownUid = process.getuid?.(),
): SandboxUser | { error: string } {
  const wanted = name.trim();
  if (!wanted) return { error: "no sandbox user was named" };
  let text: string;
  try {
    text = passwd ?? readFileSync("/etc/passwd", "utf8");
  } catch (error) {
    return { error: `cannot read /etc/passwd to look up "${wanted}": ${(error as Error).message}` };
  }
  const byUid = /^\d+$/.test(wanted);
  const entry = text
    .split("\n")
    .map((line) => line.split(":"))
    .find((fields) => fields.length >= 4 && (byUid ? fields[2] === wanted : fields[0] === wanted));
  if (!entry) return { error: byUid ? `no user has uid ${wanted}` : `there is no user "${wanted}"` };
  const uid = Number(entry[2]);
  const gid = Number(entry[3]);
  if (!Number.isInteger(uid) || !Number.isInteger(gid))
    return { error: `the passwd entry of "${wanted}" is malformed` };
  if (uid === 0) return { error: `"${wanted}" is root; the sandbox user must be an unprivileged one` };
  if (uid === ownUid)
    return { error: `"${wanted}" is the user Suture runs as; the sandbox user must be a different one` };
  return { uid, gid };
}

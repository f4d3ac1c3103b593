import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { promisify } from "node:util";
import { createCheckoutFolder } from "./gate.ts";

const run = promisify(execFile);

/**
 * A second checkout holding exactly what `dir` holds — files, links, modes and its `.git` — in a
 * gate of its own, so a second sandboxed run can work beside the first (see `runSandboxed`).
 * Links are copied as links, never followed. Returns the copy's folder, or why there is none
 * (then nothing is left behind); `removeCheckout` deletes it.
 */
export async function copyCheckout(dir: string): Promise<{ dir: string } | { error: string }> {
  const copy = createCheckoutFolder();
  try {
    // `-a`: recursive, links as links, modes, owners and times kept; `dir/.` takes dotfiles too.
    await run("cp", ["-a", "--reflink=auto", "--", `${dir}/.`, copy.dir]);
    return { dir: copy.dir };
  } catch (error) {
    await rm(copy.gate, { recursive: true, force: true });
    const stderr = (error as { stderr?: string }).stderr?.trim();
    return { error: `could not copy the checkout: ${stderr || (error as Error).message}` };
  }
}

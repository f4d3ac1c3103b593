import { git } from "./git.ts";

/** The files git tracks in a checkout, repo-relative: what a prompt may point the agent at. */
export async function listFiles(cwd: string): Promise<string[]> {
  const result = await git(["ls-files", "-z"], { cwd });
  if (!result.ok) throw new Error(`git ls-files failed in ${cwd}: ${result.stderr}`);
  return result.stdout.split("\0").filter(Boolean);
}

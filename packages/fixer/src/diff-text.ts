import { git, intendToAdd } from "./git.ts";

/**
 * The agent's change as a unified diff against HEAD, new files included — what a reviewer reads
 * and what is stored with the fix run. Plain text whatever the checkout's config says: no colour,
 * no external diff program or textconv filter (either would run code from the repository).
 */
export async function diffText(cwd: string): Promise<string> {
  await intendToAdd(cwd);
  const args = ["diff", "--no-renames", "--no-color", "--no-ext-diff", "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/", "HEAD"];
  const result = await git(args, { cwd });
  if (!result.ok) throw new Error(`git diff failed in ${cwd}: ${result.stderr}`);
  return result.stdout;
}

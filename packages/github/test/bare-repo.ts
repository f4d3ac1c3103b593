import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A real bare repository with `main` and one commit ahead on each named branch. */
export function bareRepo(branches: string[]): { gitDir: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), "github-double-"));
  const gitDir = join(root, "origin.git");
  const work = join(root, "work");
  const git = (cwd: string, ...args: string[]) =>
    execFileSync(
      "git",
      ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "init.defaultBranch=main", ...args],
      {
        cwd,
        stdio: "pipe",
      },
    );
  git(root, "init", "--bare", "--quiet", gitDir);
  git(root, "init", "--quiet", work);
  writeFileSync(join(work, "README.md"), "hello\n");
  git(work, "add", ".");
  git(work, "commit", "--quiet", "-m", "first");
  git(work, "push", "--quiet", gitDir, "HEAD:refs/heads/main");
  for (const branch of branches) {
    git(work, "checkout", "--quiet", "-B", branch, "main");
    writeFileSync(join(work, "fix.txt"), `${branch}\n`);
    git(work, "add", ".");
    git(work, "commit", "--quiet", "-m", `fix on ${branch}`);
    git(work, "push", "--quiet", gitDir, `HEAD:refs/heads/${branch}`);
  }
  return { gitDir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export function branchSha(gitDir: string, branch: string): string {
  return execFileSync("git", ["--git-dir", gitDir, "rev-parse", `refs/heads/${branch}`], { encoding: "utf8" }).trim();
}

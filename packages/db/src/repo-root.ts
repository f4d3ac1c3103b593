import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The repository root, found by walking up from the working directory. Next bundles this
 * package, so `import.meta.url` does not point into the source tree at run time.
 */
export function repoRoot(from: string = process.cwd()): string {
  // The walk is over the deployment's own folders, not files to bundle.
  const start = resolve(/* turbopackIgnore: true */ from);
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

import { z } from "zod";

/**
 * Code mappings written one per line as `stackRoot=sourceRoot` (e.g. `/app/=src/`); blank lines
 * are skipped. Either side may be empty, as in Sentry's own mappings: `=src/main/java/` puts every
 * JVM package path under `src/main/java/`, `/app/=` maps `/app/` to the repository root. A line
 * without `=`, or with both sides empty, is refused with its line number.
 */
export const codeMappingLines = z
  .string()
  .default("")
  .transform((text, ctx) => {
    const mappings: { stackRoot: string; sourceRoot: string }[] = [];
    text.split(/\r?\n/).forEach((raw, index) => {
      const line = raw.trim();
      if (line === "") return;
      const at = line.indexOf("=");
      const stackRoot = at < 0 ? "" : line.slice(0, at).trim();
      const sourceRoot = at < 0 ? "" : line.slice(at + 1).trim();
      if (at < 0 || (!stackRoot && !sourceRoot)) {
        ctx.addIssue({
          code: "custom",
          message: `code mappings line ${index + 1}: write stackRoot=sourceRoot, e.g. /app/=src/`,
        });
        return;
      }
      mappings.push({ stackRoot, sourceRoot });
    });
    return mappings;
  });

/** The mappings as the form shows them again. */
export function formatCodeMappings(mappings: readonly { stackRoot: string; sourceRoot: string }[]): string {
  return mappings.map((m) => `${m.stackRoot}=${m.sourceRoot}`).join("\n");
}

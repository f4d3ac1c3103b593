import type { Repository } from "@suture/db";
import type { EventContextFrame } from "@suture/sentry";

export type CodeMapping = Repository["codeMappings"][number];

export type MappedFrame = EventContextFrame & {
  /** The repository file the frame points to, or null when no single file fits. */
  path: string | null;
  via: "mapping" | "suffix" | null;
};

/**
 * Points each stack frame at a file of the repository: through the repository's code
 * mappings (longest stack root first), else through the longest trailing run of path
 * segments that matches exactly one repository file. Frames of installed third-party code
 * are never suffix-matched: `node_modules/express/index.js` must not land on our `index.js`.
 */
export function mapFrames(
  frames: EventContextFrame[],
  mappings: CodeMapping[],
  repoFiles: readonly string[],
): MappedFrame[] {
  const files = new Set(repoFiles.map((file) => normalize(file)).filter((file): file is string => file !== null));
  const byName = new Map<string, string[]>();
  for (const file of files) {
    const name = file.slice(file.lastIndexOf("/") + 1);
    byName.set(name, [...(byName.get(name) ?? []), file]);
  }
  const ordered = [...mappings].sort((a, b) => b.stackRoot.length - a.stackRoot.length);
  return frames.map((frame) => {
    const raw = frame.absPath ?? frame.filename;
    const viaMapping = raw === null ? null : throughMappings(raw, ordered, files);
    if (viaMapping) return { ...frame, path: viaMapping, via: "mapping" };
    const viaSuffix = raw === null ? null : bySuffix(raw, byName);
    return viaSuffix ? { ...frame, path: viaSuffix, via: "suffix" } : { ...frame, path: null, via: null };
  });
}

/** Frame paths as SDKs write them, down to `dir/file`: no scheme, host, query, `~/` or `./`. */
export function cleanFramePath(raw: string): string {
  return withoutQuery(raw)
    .replace(/\\/g, "/")
    .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "")
    .replace(/^[a-z]:(?=\/)/i, "")
    .replace(/^~\//, "/");
}

function withoutQuery(raw: string): string {
  return raw.replace(/[?#].*$/s, "");
}

function throughMappings(raw: string, mappings: readonly CodeMapping[], files: ReadonlySet<string>): string | null {
  const candidates = [...new Set([withoutQuery(raw), cleanFramePath(raw)])];
  for (const mapping of mappings) {
    const roots = [...new Set([mapping.stackRoot, cleanFramePath(mapping.stackRoot)])];
    for (const candidate of candidates) {
      const root = roots.find((r) => candidate.startsWith(r));
      if (root === undefined) continue;
      const path = normalize(`${mapping.sourceRoot}/${candidate.slice(root.length)}`);
      if (path !== null && files.has(path)) return path;
    }
  }
  return null;
}

const THIRD_PARTY = /(^|\/)(node_modules|site-packages|dist-packages|vendor\/bundle|\.venv|\.cargo|go\/pkg\/mod)\//;

function bySuffix(raw: string, byName: ReadonlyMap<string, string[]>): string | null {
  const path = normalize(cleanFramePath(raw));
  if (path === null || THIRD_PARTY.test(path)) return null;
  const segments = path.split("/");
  const sameName = byName.get(segments.at(-1) ?? "") ?? [];
  for (let take = segments.length; take >= 1; take--) {
    const suffix = segments.slice(-take).join("/");
    const matches = sameName.filter((file) => file === suffix || file.endsWith(`/${suffix}`));
    if (matches.length === 1) return matches[0] ?? null;
    // A shorter suffix only matches more files, so an ambiguous one stays ambiguous.
    if (matches.length > 1) return null;
  }
  return null;
}

/** A repository-relative path without `.`/`..` segments, or null if it would leave the repository. */
function normalize(path: string): string | null {
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(segment);
  }
  return out.length > 0 ? out.join("/") : null;
}

/**
 * The repository path a frame points to through the code mappings alone (longest stack root
 * first), when there is no file list to check it against — for showing, not for fixing.
 */
export function mappedPath(
  frame: Pick<EventContextFrame, "absPath" | "filename">,
  mappings: CodeMapping[],
): string | null {
  const raw = frame.absPath ?? frame.filename;
  if (raw === null) return null;
  const candidates = [...new Set([withoutQuery(raw), cleanFramePath(raw)])];
  for (const mapping of [...mappings].sort((a, b) => b.stackRoot.length - a.stackRoot.length)) {
    const roots = [...new Set([mapping.stackRoot, cleanFramePath(mapping.stackRoot)])];
    for (const candidate of candidates) {
      const root = roots.find((r) => candidate.startsWith(r));
      if (root !== undefined) return normalize(`${mapping.sourceRoot}/${candidate.slice(root.length)}`);
    }
  }
  return null;
}

import { cleanFramePath, normalize, withoutQuery } from "./frame-sources.ts";
import { isLibraryPath, isVendoredFile } from "./library-paths.ts";

export interface CodeMappingLike {
  stackRoot: string;
  sourceRoot: string;
}

export interface FileMatch {
  path: string;
  via: "mapping" | "suffix";
  /** `possible` when only the file name matched, or a tie was settled by leaving out vendored copies. */
  confidence: "certain" | "possible";
}

export interface RepoIndex {
  files: ReadonlySet<string>;
  byName: ReadonlyMap<string, string[]>;
}

export function indexFiles(repoFiles: readonly string[]): RepoIndex {
  const files = new Set(repoFiles.map((file) => normalize(file)).filter((file): file is string => file !== null));
  const byName = new Map<string, string[]>();
  for (const file of files) {
    const name = file.slice(file.lastIndexOf("/") + 1);
    byName.set(name, [...(byName.get(name) ?? []), file]);
  }
  return { files, byName };
}

export function longestRootFirst<T extends CodeMappingLike>(mappings: readonly T[]): T[] {
  return [...mappings].sort((a, b) => b.stackRoot.length - a.stackRoot.length);
}

/**
 * The first mapping (longest stack root first) that turns the path into a repository path — one in
 * `files` when given. What follows the stack root must not be library code: `/app/` + `node_modules/…`
 * stays out, while a root that itself points into site-packages is the user's explicit choice.
 */
export function throughMappings(
  raw: string,
  mappings: readonly CodeMappingLike[],
  files: ReadonlySet<string> | null,
): string | null {
  const candidates = [...new Set([withoutQuery(raw), cleanFramePath(raw)])];
  for (const mapping of mappings) {
    const roots = [...new Set([mapping.stackRoot, cleanFramePath(mapping.stackRoot)])];
    for (const candidate of candidates) {
      const root = roots.find((r) => candidate.startsWith(r));
      if (root === undefined) continue;
      const rest = candidate.slice(root.length);
      if (isLibraryPath(normalize(cleanFramePath(rest)) ?? "")) continue;
      const path = normalize(`${mapping.sourceRoot}/${rest}`);
      if (path !== null && (files === null || files.has(path))) return path;
    }
  }
  return null;
}

/**
 * The repository file whose path shares the longest trailing run of segments with the frame's.
 * Vendored copies only count when nothing else matches (and then the frame stays unmapped); a
 * match on the file name alone is refused when the folders before it disagree, and library
 * frames (not in app) must agree on every folder they share with the file.
 */
export function bySuffix(raw: string, index: RepoIndex, inApp: boolean): FileMatch | null {
  const path = normalize(cleanFramePath(raw));
  if (path === null || isLibraryPath(path)) return null;
  const segments = path.split("/");
  const sameName = index.byName.get(segments.at(-1) ?? "") ?? [];
  for (let take = segments.length; take >= 1; take--) {
    const suffix = segments.slice(-take).join("/");
    const matches = sameName.filter((file) => file === suffix || file.endsWith(`/${suffix}`));
    if (matches.length === 0) continue;
    // A shorter suffix only matches more files, so the decision is made here.
    const own = matches.filter((file) => !isVendoredFile(file));
    // Files that go on where the frame's path does disagree with it; one that ends here does not.
    const agreeing = own.length > 1 && take >= 2 ? own.filter((file) => file === suffix) : own;
    const [file] = agreeing;
    if (agreeing.length !== 1 || file === undefined) return null;
    const frameFolders = segments.length - take;
    const fileFolders = file.split("/").length - take;
    const disagree = frameFolders > 0 && fileFolders > 0;
    if (disagree && (take === 1 || !inApp)) return null;
    if (!inApp && take === 1 && fileFolders > 0) return null;
    const strong = (take >= 2 || fileFolders === 0) && matches.length === 1;
    return { path: file, via: "suffix", confidence: strong ? "certain" : "possible" };
  }
  return null;
}

/**
 * A .NET/Unity class without a path: the repository's `Class.cs` files, the one whose folders hold
 * most of the namespace's parts (`Acme.Shop.Cart` → `src/Acme.Shop/Cart/`). A lone candidate
 * sharing none of them is only a possible match, and only for in-app frames.
 */
export function byNamespace(namespace: readonly string[], fileName: string, index: RepoIndex, inApp: boolean) {
  const parts = new Set(namespace.map((part) => part.toLowerCase()));
  const scored = (index.byName.get(fileName) ?? [])
    .filter((file) => !isVendoredFile(file))
    .map((file) => {
      const folders = file
        .split("/")
        .slice(0, -1)
        .flatMap((folder) => folder.toLowerCase().split("."));
      return { file, score: new Set(folders.filter((folder) => parts.has(folder))).size };
    })
    .sort((a, b) => b.score - a.score);
  const [best, next] = scored;
  if (best === undefined || (next !== undefined && next.score === best.score)) return null;
  if (best.score === 0 && (next !== undefined || !inApp)) return null;
  const match: FileMatch = { path: best.file, via: "suffix", confidence: best.score > 0 ? "certain" : "possible" };
  return match;
}

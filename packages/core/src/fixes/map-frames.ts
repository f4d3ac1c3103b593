import type { Repository } from "@suture/db";
import type { EventContextFrame } from "@suture/sentry";
import { type FrameSource, frameSources } from "./frames/frame-sources.ts";
import {
  type FileMatch,
  type RepoIndex,
  byNamespace,
  bySuffix,
  indexFiles,
  longestRootFirst,
  throughMappings,
} from "./frames/match-files.ts";

export { cleanFramePath } from "./frames/frame-sources.ts";

export type CodeMapping = Repository["codeMappings"][number];

export type MappedFrame = EventContextFrame & {
  /** The repository file the frame points to, or null when no single file fits. */
  path: string | null;
  via: "mapping" | "suffix" | null;
  /** `possible` for a weak match (the file name alone, or a tie settled by leaving out vendored copies). */
  confidence?: "certain" | "possible" | null;
};

/**
 * Points each stack frame at a file of the repository. Where the frame's code is comes from its
 * path, or for JVM frames from the dotted module plus the file name, or for .NET/Unity frames
 * from the class alone. That place goes through the repository's code mappings (longest stack root
 * first), else through the longest trailing run of path segments that matches one repository file
 * (vendored copies left out), else — for a bare .NET class — through the namespace's folders.
 * Library code (virtualenvs, node_modules, gems, Go's module cache, Pods, …) never maps.
 */
export function mapFrames(
  frames: EventContextFrame[],
  mappings: CodeMapping[],
  repoFiles: readonly string[],
): MappedFrame[] {
  const index = indexFiles(repoFiles);
  const ordered = longestRootFirst(mappings);
  return frames.map((frame) => {
    for (const source of frameSources(frame)) {
      const match = matchSource(source, frame.inApp, ordered, index);
      if (match) return { ...frame, ...match };
    }
    return { ...frame, path: null, via: null, confidence: null };
  });
}

function matchSource(
  source: FrameSource,
  inApp: boolean,
  mappings: readonly CodeMapping[],
  index: RepoIndex,
): FileMatch | null {
  const raw = source.kind === "path" ? source.path : [...source.namespace, source.fileName].join("/");
  const viaMapping = throughMappings(raw, mappings, index.files);
  if (viaMapping !== null) return { path: viaMapping, via: "mapping", confidence: "certain" };
  if (source.kind === "path") return bySuffix(raw, index, inApp);
  return byNamespace(source.namespace, source.fileName, index, inApp);
}

/**
 * The repository path a frame points to through the code mappings alone (longest stack root
 * first), when there is no file list to check it against — for showing, not for fixing.
 */
export function mappedPath(
  frame: Pick<EventContextFrame, "absPath" | "filename"> & Partial<Pick<EventContextFrame, "module" | "function">>,
  mappings: CodeMapping[],
): string | null {
  const ordered = longestRootFirst(mappings);
  const sources = frameSources({ module: null, function: null, ...frame });
  for (const source of sources) {
    const raw = source.kind === "path" ? source.path : [...source.namespace, source.fileName].join("/");
    // Unchecked, an empty stack root would prefix every absolute path and URL: keep it to
    // relative ones (JVM package paths, .NET namespaces, relative file names).
    const absolute = /^([a-z][a-z0-9+.-]*:|[/\\~])/i.test(raw);
    const path = throughMappings(raw, absolute ? ordered.filter((m) => m.stackRoot !== "") : ordered, null);
    if (path !== null) return path;
  }
  return null;
}

import type { EventContextFrame } from "@suture/sentry";
import { isLibraryModule } from "./library-paths.ts";

/**
 * Where a frame says its code is: a path as the SDK wrote it (or built from a JVM class and its
 * file name), or — for .NET and Unity frames that carry only a class — a namespace and `Class.cs`.
 */
export type FrameSource = { kind: "path"; path: string } | { kind: "class"; namespace: string[]; fileName: string };

export type SourceFrame = Pick<EventContextFrame, "absPath" | "filename" | "module" | "function">;

const JVM_FILE = /\.(java|kt|kts|scala|groovy|clj)$/;
const NO_FILE = /^(Unknown Source|SourceFile|unknown|<[0-9a-f]*>)$/i;
const DOTTED = /^[A-Za-z_$][\w$-]*(\.[\w$<>`+-]+)+$/;

/** The places to look, best first; empty when the frame names no code of its own. */
export function frameSources(frame: SourceFrame): FrameSource[] {
  const raw = usable(frame.absPath) ?? usable(frame.filename);
  const module = frame.module?.replace(/\/.*$/, "") ?? null; // `Cart$$Lambda$12/0x…` hidden classes
  const pathLike = raw !== null && /[/\\:]/.test(raw);
  if (
    !pathLike &&
    module !== null &&
    DOTTED.test(module) &&
    (raw === null || /^<.*>$|\.(java|kt|kts|scala|groovy|clj)$/.test(raw))
  ) {
    if (isLibraryModule(module)) return [];
    const file = raw !== null && JVM_FILE.test(raw) ? raw : null; // not `<generated>`
    return [...jvmPaths(module, file), ...(file === null ? classSources(module.split(".")) : [])];
  }
  if (raw !== null && (pathLike || !raw.endsWith(".cs"))) return [{ kind: "path", path: raw }];
  // A bare `Class.cs` or none: the namespace tells the folders.
  const typeName = dotnetType(frame);
  if (typeName === null) return raw === null ? [] : [{ kind: "path", path: raw }];
  return isLibraryModule(typeName) ? [] : classSources(typeName.split("."), raw);
}

function usable(value: string | null): string | null {
  return value === null || NO_FILE.test(value.trim()) ? null : value;
}

/**
 * `io.acme.cart.Cart` + `Cart.kt` → `io/acme/cart/Cart.kt`. Without a file name, the outer class's
 * name in each JVM language; synthetic classes (`Cart$$Lambda$3`, `Cart$Item`,
 * `-$$Lambda$Cart$x`, `Cart$$ExternalSyntheticLambda0`, Kotlin's `CartKt`) map to the outer class.
 */
function jvmPaths(module: string, file: string | null): FrameSource[] {
  const segments = module.split(".");
  const packages = segments.slice(0, -1);
  const outer = outerJvmClass(segments.at(-1) ?? "");
  const names =
    file !== null
      ? [file]
      : [
          `${outer}.java`,
          `${outer}.kt`,
          `${outer}.scala`,
          ...(outer.endsWith("Kt") ? [`${outer.slice(0, -2)}.kt`] : []),
        ];
  return outer === "" && file === null
    ? []
    : names.map((name) => ({ kind: "path", path: [...packages, name].join("/") }));
}

export function outerJvmClass(name: string): string {
  return name.replace(/^-\$\$Lambda\$/, "").split(/-?\$/)[0] ?? "";
}

/** `Namespace.Class` (the frame's module), else the type in `Namespace.Class.Method (args)`. */
function dotnetType(frame: SourceFrame): string | null {
  if (frame.module !== null && (DOTTED.test(frame.module) || /^[A-Z]\w*([+`<].*)?$/.test(frame.module))) {
    return frame.module;
  }
  const call = frame.function
    ?.split("(")[0]
    ?.trim()
    .split(/\s+/)
    .at(-1)
    ?.replace(/<[^>]*>/g, "");
  if (call === undefined || !call.includes(".")) return null;
  return call.slice(0, call.lastIndexOf("."));
}

function classSources(segments: string[], file: string | null = null): FrameSource[] {
  // `Outer+Nested`, generic arity (`List`1`) and compiler-made types (`<Run>d__4`) → the outer class.
  const type = (segments.at(-1) ?? "").split(/[+`<]/)[0] ?? "";
  if (!/^\w+$/.test(type)) return [];
  return [{ kind: "class", namespace: segments.slice(0, -1), fileName: file ?? `${type}.cs` }];
}

/** Frame paths as SDKs write them, down to `dir/file`: no scheme, host, query, `~/` or `./`. */
export function cleanFramePath(raw: string): string {
  return withoutQuery(raw)
    .replace(/\\/g, "/")
    .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "")
    .replace(/^[a-z]:(?=\/)/i, "")
    .replace(/^~\//, "/");
}

export function withoutQuery(raw: string): string {
  return raw.replace(/[?#].*$/s, "");
}

/** A repository-relative path without `.`/`..` segments, or null if it would leave the repository. */
export function normalize(path: string): string | null {
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

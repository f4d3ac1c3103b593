/**
 * Where installed third-party and runtime code lives, per platform. A frame path in one of these
 * places is library code: it never maps into the repository (unless a code mapping's stack root
 * says so explicitly), however well its file name matches one of ours.
 */
const LIBRARY_FOLDERS = [
  // Python: virtualenvs, site-packages, the standard library (POSIX and Windows layouts).
  /(^|\/)(site-packages|dist-packages|__pypackages__|\.virtualenvs|\.venv|\.tox|\.pyenv)\//,
  /(^|\/)lib\/(python|pypy)\d[\d.]*\//i,
  /(^|\/)python\d+\/lib\//i,
  // JavaScript: packages, bundler runtime, Node's core modules, browser extensions.
  /(^|\/)(node_modules|bower_components|jspm_packages)\//,
  /(^|\/)(webpack\/bootstrap|\(webpack\))/,
  /^(node|chrome-extension|moz-extension|safari-extension):/,
  /^internal\/.*\.m?js$/,
  // Ruby: gems, bundles, rubies.
  /(^|\/)(gems|\.gem|\.rbenv|\.rvm|rubygems)\//,
  /(^|\/)lib\/ruby\//,
  // Go: the module cache, versioned module paths, vendored packages.
  /(^|\/)pkg\/mod\//,
  /@v\d[^/]*\//,
  // PHP and Go `vendor`, Elixir `deps`, Rust's registry, Cocoa Pods, Carthage, Swift packages.
  /(^|\/)(vendor|deps|\.cargo|\.rustup|Pods|Carthage|SourcePackages|DerivedData|\.build\/checkouts)\//,
  // Unity's package cache, Cordova plugins and platform copies.
  /(^|\/)Library\/PackageCache\//,
  /(^|\/)(www\/plugins|plugins\/cordova-[^/]+)\//,
  /(^|\/)(cordova|cordova_plugins)\.js$/,
  /(^|\/)platforms\/(android|ios|browser|electron|osx|windows)\//,
];

/** Go's standard library: a `.go` file under GOROOT's `src/`, or named by its import path (-trimpath). */
const GO_STD =
  "archive|bufio|bytes|cmp|compress|container|context|crypto|database|debug|embed|encoding|errors|expvar|flag|fmt|" +
  "hash|html|image|index|internal|io|iter|log|maps|math|mime|net|os|path|plugin|reflect|regexp|runtime|slices|" +
  "sort|strconv|strings|sync|syscall|testing|text|time|unicode|unique|unsafe";
const GO_STD_PATH = new RegExp(`(^|(^|/)go[^/]*/(.*/)?src/)(${GO_STD})/[^@]*\\.go$`);

/** Java/Kotlin/Scala/Android and .NET/Unity runtime namespaces. */
const LIBRARY_MODULE =
  /^(java|javax|jdk|sun|com\.sun|kotlin|kotlinx|scala|android|androidx|dalvik|libcore|com\.android|com\.google\.android|org\.jetbrains|System|Microsoft|UnityEngine|UnityEditor|Unity|Mono|Newtonsoft|TMPro)(\.|$)/;

/** Whether a cleaned frame path (no scheme, `/`-separated) is in a library location. */
export function isLibraryPath(path: string): boolean {
  if (/^<.*>$/.test(path)) return true; // <frozen importlib._bootstrap>, <anonymous>, <string>
  return LIBRARY_FOLDERS.some((pattern) => pattern.test(path)) || GO_STD_PATH.test(path);
}

export function isLibraryModule(module: string): boolean {
  return LIBRARY_MODULE.test(module);
}

/** Repository files that are copies of someone else's code: vendored, installed or generated. */
const VENDORED_FILE =
  /(^|\/)(vendor|third_party|third-party|thirdparty|external|extern|deps|node_modules|bower_components|Pods|Carthage|site-packages|\.venv|venv|Library\/PackageCache|plugins\/cordova-[^/]+|platforms\/(android|ios|browser|electron|osx|windows))\//;

export function isVendoredFile(file: string): boolean {
  return VENDORED_FILE.test(file);
}

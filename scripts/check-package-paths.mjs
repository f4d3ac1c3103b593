// Every path a package.json names (exports, main/bin/types, files run by its scripts) exists.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dirs = [".", ...["apps", "packages"].flatMap((group) => readdirSync(group).map((name) => join(group, name)))];
const missing = [];
for (const dir of dirs) {
  const file = join(dir, "package.json");
  if (!existsSync(file)) continue;
  const pkg = JSON.parse(readFileSync(file, "utf8"));
  const exportsMap = typeof pkg.exports === "string" ? { ".": pkg.exports } : (pkg.exports ?? {});
  const named = [
    ...Object.values(exportsMap).flatMap((target) => (typeof target === "string" ? [target] : Object.values(target))),
    ...["main", "types"].map((key) => pkg[key]).filter((value) => typeof value === "string"),
    ...(typeof pkg.bin === "string" ? [pkg.bin] : Object.values(pkg.bin ?? {})),
    ...Object.values(pkg.scripts ?? {}).flatMap((script) =>
      [...script.matchAll(/(?:^|\s)((?:\.{0,2}\/)?[\w./-]+\.(?:sh|ts|js|mjs))(?=\s|$)/g)].map((m) => m[1]),
    ),
  ];
  for (const path of named) if (!existsSync(join(dir, path))) missing.push(`${file}: ${path}`);
}
if (missing.length > 0) {
  console.error(`package.json names paths that do not exist:\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
console.log(`package paths: ${dirs.length} packages checked, all named paths exist`);

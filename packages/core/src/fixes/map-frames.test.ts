import type { EventContextFrame } from "@suture/sentry";
import { describe, expect, it } from "vitest";
import { type CodeMapping, cleanFramePath, mapFrames } from "./map-frames.ts";

const REPO = [
  "src/cart.js",
  "src/checkout/index.js",
  "src/orders/index.js",
  "shop/cart.py",
  "shop/__init__.py",
  "web/static/js/app.js",
  "index.js",
  "lib/utils.ts",
];

function frame(absPath: string | null, filename: string | null = null): EventContextFrame {
  return {
    absPath,
    filename,
    module: null,
    function: "fn",
    lineno: 1,
    colno: null,
    inApp: true,
    preContext: [],
    contextLine: null,
    postContext: [],
  };
}

const cases: [string, EventContextFrame, CodeMapping[], string | null, "mapping" | "suffix" | null][] = [
  [
    "node path through /app/ → repo root",
    frame("/app/src/cart.js"),
    [{ stackRoot: "/app/", sourceRoot: "" }],
    "src/cart.js",
    "mapping",
  ],
  ["node path by suffix without mappings", frame("/app/src/cart.js"), [], "src/cart.js", "suffix"],
  [
    "webpack URL through its own mapping",
    frame("webpack:///./src/cart.js"),
    [{ stackRoot: "webpack:///./", sourceRoot: "" }],
    "src/cart.js",
    "mapping",
  ],
  ["webpack URL with a host by suffix", frame("webpack://shop/./src/cart.js?3f2a"), [], "src/cart.js", "suffix"],
  [
    "app:/// URL through a cleaned mapping",
    frame("app:///static/js/app.js"),
    [{ stackRoot: "/static/", sourceRoot: "web/static/" }],
    "web/static/js/app.js",
    "mapping",
  ],
  [
    "https URL with a query by suffix",
    frame("https://cdn.shop.test/static/js/app.js?v=12#x"),
    [],
    "web/static/js/app.js",
    "suffix",
  ],
  [
    "~/ URL through a mapping",
    frame("~/js/app.js"),
    [{ stackRoot: "/js/", sourceRoot: "web/static/js" }],
    "web/static/js/app.js",
    "mapping",
  ],
  ["python absolute path by suffix", frame("/usr/src/app/shop/cart.py", "shop/cart.py"), [], "shop/cart.py", "suffix"],
  ["python filename when abs_path is missing", frame(null, "shop/cart.py"), [], "shop/cart.py", "suffix"],
  ["python site-packages is third party", frame("/usr/lib/python3.11/site-packages/shop/cart.py"), [], null, null],
  ["node_modules never lands on our index.js", frame("/app/node_modules/express/index.js"), [], null, null],
  ["ambiguous suffix: five repo files end in index.js", frame("/srv/index.js"), [], null, null],
  [
    "a longer unique suffix beats an ambiguous basename",
    frame("/build/src/checkout/index.js"),
    [],
    "src/checkout/index.js",
    "suffix",
  ],
  [
    "`..` in a frame path is resolved first",
    frame("/app/checkout/../orders/index.js"),
    [],
    "src/orders/index.js",
    "suffix",
  ],
  ["no match", frame("/app/src/missing.js"), [], null, null],
  ["no path at all", frame(null, null), [], null, null],
  [
    "longest stack root wins",
    frame("/app/lib/utils.ts"),
    [
      { stackRoot: "/app/", sourceRoot: "src/" },
      { stackRoot: "/app/lib/", sourceRoot: "lib/" },
    ],
    "lib/utils.ts",
    "mapping",
  ],
  [
    "a mapping whose result is not in the repo falls back to suffix",
    frame("/app/src/cart.js"),
    [{ stackRoot: "/app/", sourceRoot: "pkg/" }],
    "src/cart.js",
    "suffix",
  ],
  [
    "a mapping may not climb out of the repo",
    frame("/app/../../etc/passwd"),
    [{ stackRoot: "/app/", sourceRoot: "" }],
    null,
    null,
  ],
  ["windows path by suffix", frame("C:\\build\\shop\\cart.py"), [], "shop/cart.py", "suffix"],
];

describe("mapFrames", () => {
  it.each(cases)("%s", (_label, input, mappings, path, via) => {
    const [mapped] = mapFrames([input], mappings, REPO);
    expect(mapped).toMatchObject({ path, via, function: "fn" });
  });

  it("returns null when a suffix matches several files", () => {
    const [mapped] = mapFrames(
      [frame("/deploy/checkout/index.js")],
      [],
      ["a/checkout/index.js", "b/checkout/index.js"],
    );
    expect(mapped).toMatchObject({ path: null, via: null });
  });

  it("keeps the order and every field of the frames", () => {
    const frames = [frame("/app/src/cart.js"), frame("/nowhere.js")];
    const mapped = mapFrames(frames, [], REPO);
    expect(mapped.map((m) => m.path)).toEqual(["src/cart.js", null]);
    expect(mapped[0]).toEqual({ ...frames[0], path: "src/cart.js", via: "suffix", confidence: "certain" });
  });
});

describe("cleanFramePath", () => {
  it.each([
    ["webpack:///./src/a.js", "/./src/a.js"],
    ["https://host.test/static/a.js?v=1", "/static/a.js"],
    ["~/static/a.js", "/static/a.js"],
    ["app:///a.js#L1", "/a.js"],
  ])("%s → %s", (input, expected) => {
    expect(cleanFramePath(input)).toBe(expected);
  });
});

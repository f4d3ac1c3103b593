import type { EventContextFrame } from "@suture/sentry";
import { describe, expect, it } from "vitest";
import { type CodeMapping, cleanFramePath, mapFrames, mappedPath } from "./map-frames.ts";

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

const blank = frame(null);
const jvm = (module: string, filename: string | null): EventContextFrame => ({ ...blank, module, filename });
const map = (input: Partial<EventContextFrame>, files: string[], mappings: CodeMapping[] = []) =>
  mapFrames([{ ...blank, ...input }], mappings, files)[0];

describe("mapFrames per platform", () => {
  const ANDROID = [
    "app/src/main/java/io/acme/cart/Cart.kt",
    "legacy/src/main/java/io/acme/legacy/cart/Cart.kt",
    "app/src/main/java/io/acme/checkout/CheckoutActivity.java",
  ];

  it.each([
    ["io.acme.cart.Cart", "Cart.kt"],
    ["io.acme.cart.Cart$Item", "Cart.kt"],
    ["io.acme.cart.Cart$$Lambda$12/0x0000000800c4b840", null],
    ["io.acme.cart.Cart$$ExternalSyntheticLambda0", null],
    ["io.acme.cart.CartKt", null],
  ])("a JVM frame %s (%s) maps through its package to the outer class's file", (module, filename) => {
    expect(mapFrames([jvm(module, filename)], [], ANDROID)[0]).toMatchObject({
      path: "app/src/main/java/io/acme/cart/Cart.kt",
      via: "suffix",
      confidence: "certain",
    });
  });

  it("a desugared lambda class maps to its outer class, and a mapping with an empty stack root applies", () => {
    const mapped = mapFrames(
      [jvm("io.acme.checkout.-$$Lambda$CheckoutActivity$3xYz", null)],
      [{ stackRoot: "", sourceRoot: "app/src/main/java/" }],
      ANDROID,
    );
    expect(mapped[0]).toMatchObject({
      path: "app/src/main/java/io/acme/checkout/CheckoutActivity.java",
      via: "mapping",
    });
  });

  it("JVM runtime and Android classes never map, even onto a file of the same name", () => {
    const files = ["app/src/main/java/io/acme/Handler.java", "app/src/main/java/io/acme/Thread.java"];
    expect(map(jvm("android.os.Handler", "Handler.java"), files)?.path).toBeNull();
    expect(map({ ...jvm("java.lang.Thread", "Thread.java"), inApp: true }, files)?.path).toBeNull();
  });

  const DOTNET = [
    "src/Acme.Shop/Cart/CartService.cs",
    "src/Acme.Admin/Cart/CartService.cs",
    "Assets/Scripts/Player.cs",
  ];

  it("a .NET frame with only a module chooses the Class.cs whose folders hold the namespace", () => {
    expect(map({ module: "Acme.Shop.Cart.CartService+<AddAsync>d__4", function: "MoveNext" }, DOTNET)).toMatchObject({
      path: "src/Acme.Shop/Cart/CartService.cs",
      confidence: "certain",
    });
    expect(map({ module: "Acme.Admin.Cart.CartService" }, DOTNET)?.path).toBe("src/Acme.Admin/Cart/CartService.cs");
    expect(map({ module: "Other.CartService" }, DOTNET)?.path).toBeNull();
  });

  it("a Unity frame with only a function finds Class.cs, as a possible match without namespace folders", () => {
    expect(map({ function: "Player.Update ()" }, DOTNET)).toMatchObject({
      path: "Assets/Scripts/Player.cs",
      confidence: "possible",
    });
    expect(
      map({ function: "UnityEngine.EventSystems.ExecuteEvents.Execute (GameObject go)" }, DOTNET)?.path,
    ).toBeNull();
  });

  it("a virtualenv's raven/base.py never becomes the app's settings/base.py", () => {
    const files = ["shop/settings/base.py"];
    const venv = "/home/u/.virtualenvs/shop/lib/python2.7/site-packages/raven/base.py";
    expect(map({ absPath: venv, filename: "raven/base.py" }, files)?.path).toBeNull();
    expect(map({ filename: "raven/base.py" }, files)?.path).toBeNull();
    expect(map({ absPath: venv }, files, [{ stackRoot: "/home/u/", sourceRoot: "" }])?.path).toBeNull();
  });

  it.each([
    "/root/go/pkg/mod/github.com/gin-gonic/gin@v1.9.1/context.go",
    "/usr/local/go/src/net/http/server.go",
    "/usr/local/bundle/gems/rack-2.2.8/lib/rack/utils.rb",
    "/var/www/html/vendor/symfony/http-kernel/HttpKernel.php",
    "/Users/dev/shop/Pods/Alamofire/Source/Session.swift",
    "/app/deps/plug/lib/plug/conn.ex",
    "/Users/dev/game/Library/PackageCache/com.unity.ugui@1.0.0/Runtime/UI/Button.cs",
    "file:///android_asset/www/plugins/cordova-plugin-camera/www/Camera.js",
  ])("library code never maps: %s", (absPath) => {
    const name = absPath.slice(absPath.lastIndexOf("/") + 1);
    const files = [`src/${name}`, `internal/http/${name}`, `lib/rack/${name}`, `lib/plug/${name}`, `Source/${name}`];
    expect(map({ absPath, inApp: true }, files)?.path).toBeNull();
  });

  it("a file name alone is refused when the folders disagree, and weak for a bare file name", () => {
    expect(map({ absPath: "/app/lib/phoenix/router.ex" }, ["lib/shop_web/router.ex"])?.path).toBeNull();
    expect(map({ filename: "Cart.swift", inApp: true }, ["Shop/Cart/Cart.swift"])).toMatchObject({
      path: "Shop/Cart/Cart.swift",
      confidence: "possible",
    });
    expect(map({ filename: "Cart.swift", inApp: false }, ["Shop/Cart/Cart.swift"])?.path).toBeNull();
  });

  it("a single non-vendored candidate wins a tie, as a possible match", () => {
    const files = ["www/js/cart.js", "platforms/android/app/src/main/assets/www/js/cart.js"];
    expect(map({ absPath: "file:///android_asset/www/js/cart.js", inApp: true }, files)).toMatchObject({
      path: "www/js/cart.js",
      confidence: "possible",
    });
  });
});

describe("mappedPath", () => {
  it("maps JVM frames through their package, skips library code and keeps an empty root off absolute paths", () => {
    const mappings = [{ stackRoot: "", sourceRoot: "src/main/java/" }];
    expect(mappedPath({ ...jvm("io.acme.Cart$1", "Cart.java") }, mappings)).toBe("src/main/java/io/acme/Cart.java");
    expect(mappedPath(frame("/app/src/cart.js"), mappings)).toBeNull();
    expect(mappedPath(frame("/app/node_modules/x/index.js"), [{ stackRoot: "/app/", sourceRoot: "" }])).toBeNull();
    expect(mappedPath(frame("/app/src/cart.js"), [{ stackRoot: "/app/", sourceRoot: "" }])).toBe("src/cart.js");
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

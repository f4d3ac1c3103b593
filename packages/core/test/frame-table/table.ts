import type { EventContextFrame } from "@suture/sentry";
import type { CodeMapping } from "../../src/fixes/map-frames.ts";

/**
 * The frame table: stack frames shaped as each platform's Sentry SDK sends them (after Sentry's
 * symbolication / source maps / deobfuscation), with the repository file each must map to, or null
 * for library and runtime code. Each platform's repository is laid out as real projects are, and
 * comes with decoys: the same file name in other modules, vendored copies of the libraries.
 * Written for these tests from the SDKs' frame shapes; no real event data.
 */
export interface TableRow {
  frame: Partial<EventContextFrame>;
  expected: string | null;
}

export interface TablePlatform {
  platform: string;
  files: string[];
  decoys: string[];
  /** Mappings a user would add (as Sentry suggests them); the table runs with and without them. */
  mappings?: CodeMapping[];
  rows: TableRow[];
}

const app = (frame: Partial<EventContextFrame>, expected: string | null): TableRow => ({
  frame: { inApp: true, ...frame },
  expected,
});
const lib = (frame: Partial<EventContextFrame>): TableRow => ({ frame: { inApp: false, ...frame }, expected: null });

const python: TablePlatform = {
  platform: "python",
  files: [
    "manage.py",
    "shop/__init__.py",
    "shop/settings/base.py",
    "shop/settings/production.py",
    "shop/cart/__init__.py",
    "shop/cart/views.py",
    "shop/cart/models.py",
    "shop/orders/views.py",
    "shop/orders/models.py",
    "shop/utils.py",
    "payments/client.py",
  ],
  decoys: [
    "legacy/shop/cart/views.py",
    "scripts/base.py",
    "vendor/raven/base.py",
    "third_party/requests/sessions.py",
    "shop/api/client.py",
    "shop/json/decoder.py",
    "shop/threading.py",
    "tests/cart/test_views.py",
  ],
  rows: [
    app(
      { filename: "shop/cart/views.py", absPath: "/app/shop/cart/views.py", module: "shop.cart.views" },
      "shop/cart/views.py",
    ),
    app(
      {
        filename: "shop/cart/models.py",
        absPath: "/srv/www/releases/20240101/shop/cart/models.py",
        module: "shop.cart.models",
      },
      "shop/cart/models.py",
    ),
    app(
      { filename: "shop/settings/base.py", absPath: "/home/deploy/shop/shop/settings/base.py" },
      "shop/settings/base.py",
    ),
    app({ filename: "manage.py", absPath: "/app/manage.py", module: "__main__" }, "manage.py"),
    app(
      { filename: "payments/client.py", absPath: "/app/payments/client.py", module: "payments.client" },
      "payments/client.py",
    ),
    app(
      { filename: "shop\\orders\\views.py", absPath: "C:\\Users\\dev\\shop\\shop\\orders\\views.py" },
      "shop/orders/views.py",
    ),
    app({ filename: "shop/utils.py", absPath: null, module: "shop.utils" }, "shop/utils.py"),
    app({ filename: "shop/orders/models.py", absPath: "/usr/src/app/shop/orders/models.py" }, "shop/orders/models.py"),
    lib({
      filename: "raven/base.py",
      absPath: "/home/u/.virtualenvs/shop/lib/python2.7/site-packages/raven/base.py",
      module: "raven.base",
    }),
    lib({ filename: "raven/base.py", absPath: null, module: "raven.base" }),
    lib({
      filename: "django/core/handlers/base.py",
      absPath: "/usr/local/lib/python3.11/site-packages/django/core/handlers/base.py",
    }),
    lib({ filename: "json/decoder.py", absPath: "/usr/local/lib/python3.11/json/decoder.py", module: "json.decoder" }),
    lib({ filename: "threading.py", absPath: "/usr/lib/python3.11/threading.py", module: "threading" }),
    lib({ filename: "<frozen importlib._bootstrap>", absPath: "<frozen importlib._bootstrap>" }),
    lib({ filename: "requests/sessions.py", absPath: "/app/.venv/lib/python3.12/site-packages/requests/sessions.py" }),
    lib({ filename: "celery/app/trace.py", absPath: "/opt/venv/lib/python3.11/site-packages/celery/app/trace.py" }),
    lib({ filename: "urllib3/connectionpool.py", absPath: "/usr/lib/python3/dist-packages/urllib3/connectionpool.py" }),
    lib({ filename: "json\\decoder.py", absPath: "C:\\Python311\\Lib\\json\\decoder.py" }),
    lib({
      filename: "asyncio/base_events.py",
      absPath: "/home/u/.pyenv/versions/3.11.4/lib/python3.11/asyncio/base_events.py",
    }),
  ],
};

const javascript: TablePlatform = {
  platform: "javascript/node",
  files: [
    "package.json",
    "web/src/components/Cart.tsx",
    "web/src/components/index.ts",
    "web/src/pages/checkout/index.tsx",
    "web/src/pages/orders/index.tsx",
    "web/src/lib/api.ts",
    "server/src/index.ts",
    "server/src/routes/cart.ts",
    "server/src/routes/orders.ts",
    "server/src/events.ts",
  ],
  decoys: [
    "web/src/components/__mocks__/Cart.tsx",
    "packages/sdk/lib/api.ts",
    "server/src/routes/index.js",
    "server/src/events.js",
    "web/public/index.js",
    "vendor/express/lib/router/index.js",
    "web/src/pages/index.tsx",
  ],
  rows: [
    app(
      {
        absPath: "webpack:///./src/components/Cart.tsx",
        filename: "./src/components/Cart.tsx",
        module: "src/components/Cart",
      },
      "web/src/components/Cart.tsx",
    ),
    app(
      { absPath: "app:///src/pages/checkout/index.tsx", filename: "app:///src/pages/checkout/index.tsx" },
      "web/src/pages/checkout/index.tsx",
    ),
    app({ absPath: "webpack://shop-web/./src/lib/api.ts?3f2a", filename: "./src/lib/api.ts" }, "web/src/lib/api.ts"),
    app({ absPath: "https://shop.test/src/pages/orders/index.tsx?v=12" }, "web/src/pages/orders/index.tsx"),
    app(
      { absPath: "/usr/src/app/server/src/routes/cart.ts", filename: "/usr/src/app/server/src/routes/cart.ts" },
      "server/src/routes/cart.ts",
    ),
    app(
      { absPath: "/app/server/src/index.ts", filename: "/app/server/src/index.ts", module: "index" },
      "server/src/index.ts",
    ),
    app({ absPath: "/workspace/server/src/routes/orders.ts" }, "server/src/routes/orders.ts"),
    app({ absPath: "https://shop.test/static/js/main.3f2a1b.js" }, null),
    app({ absPath: "webpack://_N_E/./src/pages/orders/index.tsx" }, "web/src/pages/orders/index.tsx"),
    app(
      { absPath: "file:///app/server/src/routes/cart.ts", filename: "file:///app/server/src/routes/cart.ts" },
      "server/src/routes/cart.ts",
    ),
    app({ absPath: "app:///index.android.bundle", filename: "app:///index.android.bundle" }, null),
    lib({ absPath: "/Users/dev/shop/node_modules/react-native/Libraries/Core/ExceptionsManager.js" }),
    lib({ absPath: "webpack:///./node_modules/react-dom/cjs/react-dom.development.js" }),
    lib({ absPath: "/usr/src/app/node_modules/express/lib/router/index.js", module: "express.lib.router:index" }),
    lib({ absPath: "node:internal/process/task_queues", filename: "node:internal/process/task_queues" }),
    lib({ absPath: "internal/timers.js", filename: "internal/timers.js" }),
    lib({ absPath: "node:events", filename: "node:events" }),
    lib({ absPath: "events.js", filename: "events.js", module: "events" }),
    lib({ absPath: "webpack:///webpack/bootstrap" }),
    lib({ absPath: "app:///node_modules/@sentry/core/esm/hub.js" }),
    lib({ absPath: "/app/node_modules/.pnpm/lodash@4.17.21/node_modules/lodash/lodash.js" }),
    lib({ absPath: "chrome-extension://abcdefgh/content/index.js" }),
    lib({ absPath: "<anonymous>", filename: "<anonymous>" }),
  ],
};

const jvm: TablePlatform = {
  platform: "java/kotlin/android",
  files: [
    "app/src/main/java/io/acme/MainActivity.kt",
    "app/src/main/java/io/acme/cart/Cart.kt",
    "app/src/main/java/io/acme/cart/CartViewModel.kt",
    "app/src/main/java/io/acme/checkout/CheckoutActivity.java",
    "core/src/main/kotlin/io/acme/core/Money.kt",
    "server/src/main/java/io/acme/server/CartController.java",
    "server/src/main/scala/io/acme/reports/Report.scala",
  ],
  decoys: [
    "legacy/src/main/java/io/acme/legacy/cart/Cart.kt",
    "app/src/test/java/io/acme/cart/CartTest.kt",
    "wear/src/main/java/io/acme/wear/MainActivity.kt",
    "app/src/main/java/io/acme/util/Handler.java",
    "vendor/okhttp/okhttp3/internal/connection/RealCall.kt",
    "server/src/main/java/io/acme/server/web/DispatcherServlet.java",
    "admin/src/main/java/io/acme/admin/CartController.java",
  ],
  mappings: [{ stackRoot: "io/acme/", sourceRoot: "app/src/main/java/io/acme/" }],
  rows: [
    app(
      { module: "io.acme.cart.Cart", filename: "Cart.kt", function: "add" },
      "app/src/main/java/io/acme/cart/Cart.kt",
    ),
    app(
      { module: "io.acme.cart.CartViewModel$onAdd$1", filename: "CartViewModel.kt", function: "invokeSuspend" },
      "app/src/main/java/io/acme/cart/CartViewModel.kt",
    ),
    app(
      { module: "io.acme.cart.Cart$$ExternalSyntheticLambda0", filename: null, function: "run" },
      "app/src/main/java/io/acme/cart/Cart.kt",
    ),
    app(
      { module: "io.acme.checkout.-$$Lambda$CheckoutActivity$3xYzQ", filename: null, function: "onClick" },
      "app/src/main/java/io/acme/checkout/CheckoutActivity.java",
    ),
    app(
      { module: "io.acme.checkout.CheckoutActivity$1", filename: "CheckoutActivity.java", function: "run" },
      "app/src/main/java/io/acme/checkout/CheckoutActivity.java",
    ),
    app(
      { module: "io.acme.MainActivity", filename: "MainActivity.kt", function: "onCreate" },
      "app/src/main/java/io/acme/MainActivity.kt",
    ),
    app(
      { module: "io.acme.core.MoneyKt", filename: "Money.kt", function: "format" },
      "core/src/main/kotlin/io/acme/core/Money.kt",
    ),
    app(
      { module: "io.acme.core.MoneyKt", filename: null, function: "format" },
      "core/src/main/kotlin/io/acme/core/Money.kt",
    ),
    app(
      { module: "io.acme.server.CartController$$Lambda$812/0x0000000800d2c840", filename: null, function: "apply" },
      "server/src/main/java/io/acme/server/CartController.java",
    ),
    app(
      { module: "io.acme.reports.Report$", filename: "Report.scala", function: "run" },
      "server/src/main/scala/io/acme/reports/Report.scala",
    ),
    app(
      { module: "io.acme.cart.Cart$Item", filename: "Cart.kt", absPath: "Cart.kt" },
      "app/src/main/java/io/acme/cart/Cart.kt",
    ),
    app(
      { module: "io.acme.server.CartController$$SpringCGLIB$$0", filename: "<generated>", function: "list" },
      "server/src/main/java/io/acme/server/CartController.java",
    ),
    app(
      { module: "io.acme.reports.Report$$anonfun$run$1", filename: "Report.scala" },
      "server/src/main/scala/io/acme/reports/Report.scala",
    ),
    lib({ module: "java.lang.Thread", filename: "Thread.java", function: "run" }),
    lib({ module: "a.b.c", filename: "SourceFile", function: "a" }),
    lib({ module: "android.os.Handler", filename: "Handler.java", function: "dispatchMessage" }),
    lib({ module: "kotlinx.coroutines.DispatchedTask", filename: "DispatchedTask.kt", function: "run" }),
    lib({ module: "okhttp3.internal.connection.RealCall", filename: "RealCall.kt", function: "execute" }),
    lib({ module: "org.springframework.web.servlet.DispatcherServlet", filename: "DispatcherServlet.java" }),
    lib({ module: "com.android.internal.os.ZygoteInit", filename: "ZygoteInit.java", function: "main" }),
    lib({ module: "dalvik.system.NativeStart", filename: "NativeStart.java", function: "main" }),
    lib({ module: "jdk.internal.reflect.DirectMethodHandleAccessor", filename: "Unknown Source", function: "invoke" }),
  ],
};

const dotnet: TablePlatform = {
  platform: ".net/unity",
  files: [
    "src/Acme.Shop/Cart/CartService.cs",
    "src/Acme.Shop/Orders/OrderService.cs",
    "src/Acme.Shop.Api/Controllers/CartController.cs",
    "Assets/Scripts/Player/PlayerController.cs",
    "Assets/Scripts/UI/InventoryPanel.cs",
    "Assets/Scripts/GameManager.cs",
  ],
  decoys: [
    "src/Acme.Admin/Cart/CartService.cs",
    "tests/Acme.Shop.Tests/Cart/CartServiceTests.cs",
    "src/Acme.Admin/Controllers/CartController.cs",
    "Library/PackageCache/com.unity.ugui@1.0.0/Runtime/EventSystem/ExecuteEvents.cs",
    "Assets/Editor/PlayerControllerEditor.cs",
    "vendor/Newtonsoft.Json/Src/Newtonsoft.Json/JsonConvert.cs",
    "src/Acme.Shop/Collections/Dictionary.cs",
  ],
  rows: [
    app({ module: "Acme.Shop.Cart.CartService", function: "AddItem" }, "src/Acme.Shop/Cart/CartService.cs"),
    app(
      { module: "Acme.Shop.Cart.CartService+<AddItemAsync>d__4", function: "MoveNext" },
      "src/Acme.Shop/Cart/CartService.cs",
    ),
    app(
      {
        module: "Acme.Shop.Orders.OrderService",
        function: "Place",
        absPath: "/src/src/Acme.Shop/Orders/OrderService.cs",
        filename: "/src/src/Acme.Shop/Orders/OrderService.cs",
      },
      "src/Acme.Shop/Orders/OrderService.cs",
    ),
    app(
      {
        module: "Acme.Shop.Api.Controllers.CartController",
        function: "Post",
        absPath: "C:\\agent\\_work\\1\\s\\src\\Acme.Shop.Api\\Controllers\\CartController.cs",
      },
      "src/Acme.Shop.Api/Controllers/CartController.cs",
    ),
    app(
      { module: "Acme.Shop.Api.Controllers.CartController", function: "Post" },
      "src/Acme.Shop.Api/Controllers/CartController.cs",
    ),
    app({ function: "PlayerController.Update ()" }, "Assets/Scripts/Player/PlayerController.cs"),
    app(
      {
        function: "Acme.Game.UI.InventoryPanel.OnClick (System.Int32 slot)",
        filename: "<00000000000000000000000000000000>",
      },
      "Assets/Scripts/UI/InventoryPanel.cs",
    ),
    app(
      { filename: "Assets/Scripts/GameManager.cs", function: "GameManager.Start ()" },
      "Assets/Scripts/GameManager.cs",
    ),
    app({ module: "GameManager", function: "Awake" }, "Assets/Scripts/GameManager.cs"),
    app(
      { module: "Acme.Shop.Cart.CartService", function: "Remove", filename: "CartService.cs" },
      "src/Acme.Shop/Cart/CartService.cs",
    ),
    lib({ module: "System.Collections.Generic.Dictionary`2", function: "FindValue" }),
    lib({ module: "Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker", function: "Next" }),
    lib({ function: "UnityEngine.EventSystems.ExecuteEvents.Execute (UnityEngine.GameObject target)" }),
    lib({
      filename: "Library/PackageCache/com.unity.ugui@1.0.0/Runtime/EventSystem/ExecuteEvents.cs",
      function: "ExecuteEvents.Execute",
    }),
    lib({ module: "Newtonsoft.Json.JsonConvert", function: "DeserializeObject" }),
    lib({ module: "Grpc.Core.Internal.AsyncCall`2", function: "HandleFinished" }),
  ],
};

const go: TablePlatform = {
  platform: "go",
  files: [
    "go.mod",
    "cmd/shop/main.go",
    "internal/cart/cart.go",
    "internal/cart/handler.go",
    "internal/orders/handler.go",
    "internal/http/server.go",
    "pkg/money/money.go",
  ],
  decoys: [
    "vendor/github.com/gin-gonic/gin/context.go",
    "internal/legacy/cart/cart.go",
    "tools/gen/main.go",
    "internal/sync/errgroup/errgroup.go",
    "internal/runtime/panic.go",
  ],
  rows: [
    app(
      {
        absPath: "/build/internal/cart/cart.go",
        module: "github.com/acme/shop/internal/cart",
        function: "(*Cart).Add",
      },
      "internal/cart/cart.go",
    ),
    app(
      {
        absPath: "/home/runner/work/shop/shop/internal/orders/handler.go",
        module: "github.com/acme/shop/internal/orders",
      },
      "internal/orders/handler.go",
    ),
    app(
      { filename: "github.com/acme/shop/v2/internal/cart/handler.go", module: "github.com/acme/shop/v2/internal/cart" },
      "internal/cart/handler.go",
    ),
    app({ absPath: "/src/cmd/shop/main.go", module: "main", function: "main" }, "cmd/shop/main.go"),
    app(
      { absPath: "/go/src/github.com/acme/shop/pkg/money/money.go", module: "github.com/acme/shop/pkg/money" },
      "pkg/money/money.go",
    ),
    app(
      { absPath: "/app/internal/http/server.go", module: "github.com/acme/shop/internal/http" },
      "internal/http/server.go",
    ),
    lib({ absPath: "/root/go/pkg/mod/github.com/gin-gonic/gin@v1.9.1/context.go", module: "github.com/gin-gonic/gin" }),
    lib({ filename: "github.com/gin-gonic/gin@v1.9.1/context.go", module: "github.com/gin-gonic/gin" }),
    lib({ absPath: "/usr/local/go/src/net/http/server.go", module: "net/http", function: "(*conn).serve" }),
    lib({ filename: "net/http/server.go", module: "net/http", function: "(*conn).serve" }),
    lib({ absPath: "/usr/local/go/src/runtime/panic.go", module: "runtime", function: "gopanic" }),
    lib({ absPath: "/app/vendor/github.com/gin-gonic/gin/context.go", module: "github.com/gin-gonic/gin" }),
    lib({
      absPath: "/home/u/go/pkg/mod/golang.org/x/sync@v0.5.0/errgroup/errgroup.go",
      module: "golang.org/x/sync/errgroup",
    }),
    lib({ absPath: "/opt/hostedtoolcache/go/1.21.0/x64/src/runtime/proc.go", module: "runtime" }),
  ],
};

const ruby: TablePlatform = {
  platform: "ruby",
  files: [
    "app/models/cart.rb",
    "app/controllers/carts_controller.rb",
    "app/controllers/api/carts_controller.rb",
    "app/services/checkout.rb",
    "lib/shop/money.rb",
    "config/application.rb",
  ],
  decoys: [
    "vendor/bundle/ruby/3.2.0/gems/rack-2.2.8/lib/rack/utils.rb",
    "lib/shop/utils.rb",
    "engines/admin/app/models/cart.rb",
    "lib/set.rb",
    "lib/puma/thread_pool.rb",
  ],
  rows: [
    app({ filename: "app/models/cart.rb", absPath: "/app/app/models/cart.rb" }, "app/models/cart.rb"),
    app(
      { filename: "app/controllers/api/carts_controller.rb", absPath: "/app/app/controllers/api/carts_controller.rb" },
      "app/controllers/api/carts_controller.rb",
    ),
    app(
      { filename: "app/controllers/carts_controller.rb", absPath: "/rails/app/controllers/carts_controller.rb" },
      "app/controllers/carts_controller.rb",
    ),
    app(
      {
        filename: "app/services/checkout.rb",
        absPath: "/var/www/shop/releases/20240101120000/app/services/checkout.rb",
      },
      "app/services/checkout.rb",
    ),
    app({ filename: "shop/money.rb", absPath: "/app/lib/shop/money.rb" }, "lib/shop/money.rb"),
    app({ filename: "config/application.rb", absPath: null }, "config/application.rb"),
    lib({ filename: "rack/utils.rb", absPath: "/usr/local/bundle/gems/rack-2.2.8/lib/rack/utils.rb" }),
    lib({ filename: "rack/utils.rb", absPath: null }),
    lib({
      filename: "active_record/relation.rb",
      absPath: "/app/vendor/bundle/ruby/3.2.0/gems/activerecord-7.1.2/lib/active_record/relation.rb",
    }),
    lib({ filename: "set.rb", absPath: "/usr/local/lib/ruby/3.2.0/set.rb" }),
    lib({
      filename: "puma/thread_pool.rb",
      absPath: "/home/u/.rbenv/versions/3.2.2/lib/ruby/gems/3.2.0/gems/puma-6.4.0/lib/puma/thread_pool.rb",
    }),
    lib({ filename: "devise/models.rb", absPath: "/usr/local/bundle/bundler/gems/devise-abc123/lib/devise/models.rb" }),
  ],
};

const php: TablePlatform = {
  platform: "php",
  files: [
    "src/Controller/CartController.php",
    "app/Http/Controllers/OrderController.php",
    "src/Service/Checkout.php",
    "src/Entity/Cart.php",
    "public/index.php",
    "src/Kernel.php",
  ],
  decoys: [
    "vendor/symfony/http-kernel/HttpKernel.php",
    "vendor/laravel/framework/src/Illuminate/Routing/Controller.php",
    "app/Http/Controllers/Controller.php",
    "vendor/symfony/http-kernel/Kernel.php",
    "vendor/acme/cart/src/Entity/Cart.php",
    "tests/Controller/CartControllerTest.php",
    "legacy/public/index.php",
  ],
  rows: [
    app(
      { filename: "/src/Controller/CartController.php", absPath: "/var/www/html/src/Controller/CartController.php" },
      "src/Controller/CartController.php",
    ),
    app({ filename: "/src/Entity/Cart.php", absPath: "/var/www/html/src/Entity/Cart.php" }, "src/Entity/Cart.php"),
    app({ filename: "/public/index.php", absPath: "/var/www/html/public/index.php" }, "public/index.php"),
    app(
      { filename: "/src/Service/Checkout.php", absPath: "/app/src/Service/Checkout.php" },
      "src/Service/Checkout.php",
    ),
    app({ filename: "/src/Kernel.php", absPath: "/var/www/html/src/Kernel.php" }, "src/Kernel.php"),
    lib({
      filename: "/vendor/symfony/http-kernel/HttpKernel.php",
      absPath: "/var/www/html/vendor/symfony/http-kernel/HttpKernel.php",
    }),
    app(
      {
        filename: "/app/Http/Controllers/OrderController.php",
        absPath: "/var/www/html/app/Http/Controllers/OrderController.php",
      },
      "app/Http/Controllers/OrderController.php",
    ),
    lib({ absPath: "/var/www/html/vendor/laravel/framework/src/Illuminate/Pipeline/Pipeline.php" }),
    lib({ absPath: "/var/www/html/vendor/laravel/framework/src/Illuminate/Routing/Controller.php" }),
    lib({
      filename: "/vendor/symfony/http-kernel/Kernel.php",
      absPath: "/var/www/html/vendor/symfony/http-kernel/Kernel.php",
    }),
  ],
};

const cocoa: TablePlatform = {
  platform: "cocoa",
  files: [
    "Shop/AppDelegate.swift",
    "Shop/Cart/CartViewController.swift",
    "Shop/Cart/CartStore.swift",
    "Shop/Checkout/CheckoutView.swift",
    "ShopKit/Sources/ShopKit/Money.swift",
    "ShopKit/Sources/ShopKit/Session.swift",
  ],
  decoys: [
    "Pods/Alamofire/Source/Session.swift",
    "ShopTests/Cart/CartStoreTests.swift",
    "Pods/Stripe/Money.swift",
    "Widget/AppDelegate.swift",
  ],
  rows: [
    app(
      {
        filename: "CartViewController.swift",
        absPath: "/Users/dev/src/shop-ios/Shop/Cart/CartViewController.swift",
        function: "CartViewController.checkout()",
      },
      "Shop/Cart/CartViewController.swift",
    ),
    app(
      { filename: "CartStore.swift", absPath: "/Users/runner/work/shop-ios/shop-ios/Shop/Cart/CartStore.swift" },
      "Shop/Cart/CartStore.swift",
    ),
    app(
      { filename: "AppDelegate.swift", absPath: "/Users/dev/shop-ios/Shop/AppDelegate.swift" },
      "Shop/AppDelegate.swift",
    ),
    app(
      { filename: "Money.swift", absPath: "/Users/dev/shop-ios/ShopKit/Sources/ShopKit/Money.swift" },
      "ShopKit/Sources/ShopKit/Money.swift",
    ),
    app(
      { filename: "CheckoutView.swift", absPath: null, function: "CheckoutView.body.getter" },
      "Shop/Checkout/CheckoutView.swift",
    ),
    lib({ filename: "Session.swift", absPath: "/Users/dev/shop-ios/Pods/Alamofire/Source/Session.swift" }),
    lib({
      filename: "OrderedSet.swift",
      absPath:
        "/Users/dev/Library/Developer/Xcode/DerivedData/Shop-abc/SourcePackages/checkouts/swift-collections/Sources/OrderedCollections/OrderedSet.swift",
    }),
    lib({ filename: null, absPath: null, function: "objc_exception_throw" }),
    lib({ filename: "Session.swift", absPath: null }),
  ],
};

const elixir: TablePlatform = {
  platform: "elixir",
  files: [
    "mix.exs",
    "lib/shop/cart.ex",
    "lib/shop_web/router.ex",
    "lib/shop_web/controllers/cart_controller.ex",
    "apps/billing/lib/billing/invoice.ex",
  ],
  decoys: [
    "deps/phoenix/lib/phoenix/router.ex",
    "deps/plug/lib/plug/conn.ex",
    "lib/shop/conn.ex",
    "deps/ecto_sql/lib/ecto/adapters/sql.ex",
  ],
  rows: [
    app({ filename: "lib/shop/cart.ex", module: "Shop.Cart", function: "add/2" }, "lib/shop/cart.ex"),
    app(
      {
        filename: "lib/shop_web/controllers/cart_controller.ex",
        module: "ShopWeb.CartController",
        function: "create/2",
      },
      "lib/shop_web/controllers/cart_controller.ex",
    ),
    app(
      { filename: "lib/billing/invoice.ex", module: "Billing.Invoice", function: "issue/1" },
      "apps/billing/lib/billing/invoice.ex",
    ),
    app({ filename: "lib/shop_web/router.ex", module: "ShopWeb.Router", function: "call/2" }, "lib/shop_web/router.ex"),
    lib({ filename: "lib/phoenix/router.ex", module: "Phoenix.Router", function: "__call__/2" }),
    lib({ filename: "lib/plug/conn.ex", module: "Plug.Conn", function: "send_resp/1" }),
    lib({ filename: "gen_server.erl", module: "gen_server", function: "handle_msg/6" }),
    lib({
      filename: "lib/ecto/adapters/sql.ex",
      absPath: "/app/deps/ecto_sql/lib/ecto/adapters/sql.ex",
      module: "Ecto.Adapters.SQL",
    }),
  ],
};

const cordova: TablePlatform = {
  platform: "cordova",
  files: ["config.xml", "www/index.html", "www/js/index.js", "www/js/cart.js"],
  decoys: [
    "platforms/android/app/src/main/assets/www/js/cart.js",
    "platforms/ios/www/js/index.js",
    "plugins/cordova-plugin-camera/www/Camera.js",
    "plugins/cordova-plugin-device/www/device.js",
    "platforms/android/platform_www/cordova.js",
  ],
  rows: [
    app(
      { absPath: "file:///android_asset/www/js/cart.js", filename: "/android_asset/www/js/cart.js" },
      "www/js/cart.js",
    ),
    app({ absPath: "file:///var/containers/Bundle/Application/4C2E9D1A/Shop.app/www/js/index.js" }, "www/js/index.js"),
    app({ absPath: "app://localhost/js/cart.js", filename: "/js/cart.js" }, "www/js/cart.js"),
    lib({ absPath: "file:///android_asset/www/plugins/cordova-plugin-camera/www/Camera.js" }),
    lib({ absPath: "file:///android_asset/www/cordova.js" }),
    lib({ absPath: "app://localhost/plugins/cordova-plugin-device/www/device.js" }),
    lib({ absPath: "file:///android_asset/www/cordova_plugins.js" }),
  ],
};

export const FRAME_TABLE: TablePlatform[] = [python, javascript, jvm, dotnet, go, ruby, php, cocoa, elixir, cordova];

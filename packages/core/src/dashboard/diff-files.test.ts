import { describe, expect, it } from "vitest";
import { diffFiles } from "./diff-files.ts";

const GIT_DIFF = `diff --git a/src/cart.ts b/src/cart.ts
index 1111111..2222222 100644
--- a/src/cart.ts
+++ b/src/cart.ts
@@ -1,4 +1,5 @@
 export function total(items) {
--- not a header, a removed line starting with two dashes
-  return items.reduce((sum, i) => sum + i.price, 0);
+  if (!items) return 0;
+  return items.reduce((sum, i) => sum + i.price, 0);
 }
diff --git a/test/cart.test.ts b/test/cart.test.ts
new file mode 100644
--- /dev/null
+++ b/test/cart.test.ts
@@ -0,0 +1,2 @@
+import { total } from "../src/cart";
+test("empty", () => expect(total(undefined)).toBe(0));
`;

describe("diffFiles", () => {
  it("splits a git diff per file with its counts, never taking a changed line for a header", () => {
    const files = diffFiles(GIT_DIFF);
    expect(files.map(({ path, change, added, removed }) => ({ path, change, added, removed }))).toEqual([
      { path: "src/cart.ts", change: "modified", added: 2, removed: 2 },
      { path: "test/cart.test.ts", change: "added", added: 2, removed: 0 },
    ]);
    expect(files[0]?.patch.startsWith("diff --git a/src/cart.ts")).toBe(true);
    expect(files[1]?.patch).toContain("+import { total }");
  });

  it("reads plain ---/+++ sections and deleted files", () => {
    const files = diffFiles(
      "--- a/old.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-gone\n--- a/b.txt\n+++ b/b.txt\n@@ -1 +1 @@\n-x\n+y\n",
    );
    expect(files.map((f) => [f.path, f.change, f.added, f.removed])).toEqual([
      ["old.txt", "deleted", 0, 1],
      ["b.txt", "modified", 1, 1],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { ownersOf, parseCodeowners } from "./codeowners.ts";

const file = `# Code owners
*                   @acme/platform
*.js                @js-lead
/src/cart/          @acme/checkout @ana
docs/**             @writer
apps/*/package.json @deps-bot
src/cart/legacy.js            # no owner: nobody is asked
!ignored.js         @nobody
`;

describe("CODEOWNERS", () => {
  const rules = parseCodeowners(file);
  it.each([
    ["README.md", ["@acme/platform"]],
    ["lib/util.js", ["@js-lead"]],
    ["src/cart/total.js", ["@acme/checkout", "@ana"]],
    ["src/cart/deep/x.ts", ["@acme/checkout", "@ana"]],
    ["other/src/cart/total.js", ["@js-lead"]],
    ["docs/a/b.md", ["@writer"]],
    ["apps/web/package.json", ["@deps-bot"]],
    ["apps/web/x/package.json", ["@acme/platform"]],
    ["src/cart/legacy.js", []],
  ])("the last matching rule owns %s", (path, owners) => {
    expect(ownersOf(rules, [path])).toEqual(owners);
  });

  it("gathers the owners of every changed path once", () => {
    expect(ownersOf(rules, ["src/cart/total.js", "src/cart/total.test.js", "README.md"])).toEqual([
      "@acme/checkout",
      "@ana",
      "@acme/platform",
    ]);
  });
});

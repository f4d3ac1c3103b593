// The one shared flat config: typescript-eslint's type-checked rules, the Inngest rules, and the two
// house rules — env is read only in each package's env module, and packages import each
// other only through their exports.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import { inngestRules } from "./inngest-rules.js";

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/.next/**", "**/.next-*/**", "**/dist/**", "**/next-env.d.ts", "**/.data/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true },
    },
    plugins: { inngest: inngestRules },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-floating-promises": ["error", { ignoreVoid: false }],
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      "@typescript-eslint/no-non-null-assertion": "error",
      "inngest/await-inngest-send": "error",
      "inngest/no-nested-steps": "error",
      "inngest/no-variable-mutation-in-step": "error",
      // Small files and functions: a function is a few named stages, a file one idea.
      "max-lines": ["error", { max: 300, skipBlankLines: true, skipComments: true }],
      "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through the package's env module." },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@suture/*/src/*", "../../*/src/*"], message: "Import another package through its exports map." },
          ],
        },
      ],
    },
  },
  // Config files and scripted test agents are plain JavaScript outside every tsconfig.
  { files: ["**/*.js", "**/*.mjs", "**/*.cjs"], ...tseslint.configs.disableTypeChecked },
  {
    files: [
      "**/env.ts",
      "**/*.test.ts",
      "**/test/**",
      "**/e2e/**",
      "**/*.config.ts",
      "**/*.config.js",
      "**/bench/**",
      "**/scripts/**",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Tests are tables and scenarios, long by nature; they read JSON they just received (any), and
    // `!` after a lookup they just made is fine.
    files: [
      "**/*.test.ts",
      "**/*.test.tsx",
      "**/test/**",
      "**/e2e/**",
      "**/test-support/**",
      "**/test-support.ts",
      "**/bench/**",
    ],
    rules: {
      "max-lines": "off",
      "max-lines-per-function": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
);

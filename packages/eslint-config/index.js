// Shared flat config: TypeScript rules, plus the two house rules — env is read only in
// each package's env module, and packages import each other only through their exports.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/.next/**", "**/dist/**", "**/next-env.d.ts", "**/.data/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
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
);

import base from "@suture/eslint-config";

export default [
  ...base,
  {
    // Next's own conventions: instrumentation must read NEXT_RUNTIME before anything loads.
    files: ["src/instrumentation.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // The web app reaches the database only through @suture/core's loaders and actions, which
    // scope every read to the signed-in member's workspace: no queries, no raw handle.
    files: ["src/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@suture/db", message: "Call @suture/core; queries live in packages/db." },
            { name: "@suture/core/database", message: "Pages read through @suture/core's workspace-scoped loaders." },
          ],
          patterns: [
            { group: ["@suture/*/src/*", "../../*/src/*"], message: "Import another package through its exports map." },
          ],
        },
      ],
    },
  },
];

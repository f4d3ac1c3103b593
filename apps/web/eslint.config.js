import base from "@suture/eslint-config";

export default [
  ...base,
  {
    // Next's own conventions: instrumentation must read NEXT_RUNTIME before anything loads.
    files: ["src/instrumentation.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // The web app reaches the database only through @suture/core.
    files: ["src/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@suture/db", message: "Call @suture/core; queries live in packages/db." }] },
      ],
    },
  },
];

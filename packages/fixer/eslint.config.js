import base from "@suture/eslint-config";
import { boundaries } from "@suture/eslint-config/boundaries";

export default [
  ...base,
  { files: ["src/**"], rules: boundaries.fixer },
  // Test fixtures: the scripted agents inspect their own environment, and that is the point.
  { files: ["test-support/**"], rules: { "no-restricted-properties": "off" } },
];

// One formatter for the whole tree. Prettier rather than Biome: the Tailwind plugin sorts the
// dashboard's class lists the way Tailwind's own docs do, and ESLint stays the one linter.
/** @type {import("prettier").Config} */
export default {
  printWidth: 120,
  plugins: ["prettier-plugin-tailwindcss"],
  tailwindStylesheet: "./apps/web/src/app/globals.css",
  tailwindFunctions: ["cn"],
};

// Dependency direction, as lint errors: web → core → {db, sentry, github, fixer}; inngest-local,
// sentry, github and fixer import none of our packages. The web app never imports @suture/db
// (a rule in apps/web/eslint.config.js).
const rule = (patterns, message) => ({
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        { group: ["@suture/*/src/*", "../../*/src/*"], message: "Import another package through its exports map." },
        { group: patterns, message },
      ],
    },
  ],
});

export const boundaries = {
  core: rule(
    ["next", "next/*", "react", "react-dom", "@suture/web", "@suture/cli"],
    "core is the domain: no Next, React, or apps.",
  ),
  db: rule(
    [
      "@suture/core",
      "@suture/sentry",
      "@suture/github",
      "@suture/fixer",
      "@suture/inngest-local",
      "@suture/web",
      "@suture/cli",
      "inngest",
    ],
    "db holds schema and queries only.",
  ),
  sentry: rule(["@suture/*"], "sentry knows Sentry's wire format and nothing of ours."),
  fixer: rule(["@suture/*"], "fixer runs processes and git; it imports none of our packages."),
  github: rule(["@suture/*"], "github talks to GitHub and imports none of our packages."),
  inngestLocal: rule(["@suture/*"], "inngest-local imports none of our packages."),
};

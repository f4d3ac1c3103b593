/**
 * The whole environment an agent gets: PATH, a home and temp folder of its own, a locale, and
 * only the variables named in `allow` (its own API key). Nothing else of the parent's leaks —
 * no GitHub, Sentry, database or Suture secrets — whatever the parent process holds.
 */
export function sandboxEnv(
  parent: NodeJS.ProcessEnv,
  home: string,
  allow: readonly string[],
  extra: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: parent.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    HOME: home,
    TMPDIR: home,
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    TERM: "dumb",
    // Tools that honour these stay quiet and never prompt.
    CI: "1",
    GIT_TERMINAL_PROMPT: "0",
  };
  for (const name of allow) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

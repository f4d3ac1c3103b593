import { env } from "../../env.ts";
import { githubClient } from "../../clients/github-client.ts";

/**
 * The token Suture (never the agent) clones and pushes with: GITHUB_TOKEN, else a GitHub App
 * installation token. Only for GitHub's own host (or GITHUB_API_URL's): a clone URL pointing
 * elsewhere gets no token. None for local remotes (file://, paths), which need none.
 */
export async function gitToken(cloneUrl: string): Promise<string | undefined> {
  if (!/^https?:\/\//.test(cloneUrl) || !isGithubHost(new URL(cloneUrl).hostname)) return undefined;
  const octokit = githubClient();
  if (!octokit) return undefined;
  // Token auth answers with GITHUB_TOKEN; App auth with an installation token, renewed when close
  // to expiry — so ask again right before a push, not once per run.
  const auth = (await octokit.auth({ type: "installation" })) as { token?: string };
  return auth.token;
}

function isGithubHost(hostname: string): boolean {
  const api = env.GITHUB_API_URL ? new URL(env.GITHUB_API_URL).hostname : "api.github.com";
  // github.com's API lives on api.github.com; GHES serves git and /api/v3 on the same host.
  return hostname === api || (api === "api.github.com" && hostname === "github.com");
}

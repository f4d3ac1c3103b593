import { env } from "../../env.ts";
import { githubClient } from "../../github/github-client.ts";

/**
 * The token Suture (never the agent) clones and pushes with: GITHUB_TOKEN, else a GitHub App
 * installation token. None for local remotes (file://, paths), which need none.
 */
export async function gitToken(cloneUrl: string): Promise<string | undefined> {
  if (!/^https?:\/\//.test(cloneUrl)) return undefined;
  if (env.GITHUB_TOKEN) return env.GITHUB_TOKEN;
  const octokit = githubClient();
  if (!octokit) return undefined;
  const auth = (await octokit.auth({ type: "installation" })) as { token?: string };
  return auth.token;
}

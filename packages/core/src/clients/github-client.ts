import { createGithubClient, type Octokit } from "@suture/github";
import { env } from "../env.ts";

let cached: Octokit | null | undefined;

/**
 * The process's GitHub client: GITHUB_TOKEN, else the GitHub App (GITHUB_APP_ID,
 * GITHUB_APP_PRIVATE_KEY, GITHUB_APP_INSTALLATION_ID), against GITHUB_API_URL when set.
 * Null when neither is configured. Kept for the process so an App's installation token is
 * fetched once and reused until it expires.
 */
export function githubClient(): Octokit | null {
  if (cached !== undefined) return cached;
  const baseUrl = env.GITHUB_API_URL;
  if (env.GITHUB_TOKEN) return (cached = createGithubClient({ token: env.GITHUB_TOKEN }, baseUrl));
  const { GITHUB_APP_ID: appId, GITHUB_APP_PRIVATE_KEY: key, GITHUB_APP_INSTALLATION_ID: installationId } = env;
  if (appId && key && installationId) {
    // A PEM pasted into a one-line variable usually arrives with literal "\n" sequences.
    const privateKey = key.includes("\\n") ? key.replaceAll("\\n", "\n") : key;
    return (cached = createGithubClient({ appId, privateKey, installationId }, baseUrl));
  }
  return (cached = null);
}

export const NO_GITHUB_CREDENTIALS =
  "no GitHub credentials: set GITHUB_TOKEN, or GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY and GITHUB_APP_INSTALLATION_ID";

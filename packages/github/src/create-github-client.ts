import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";

// Failed requests come back to the caller as data and are reported there; Octokit's own
// per-request error line would only say the same thing twice.
const QUIET = { debug: () => {}, info: () => {}, warn: console.warn, error: () => {} };

export type GithubAuth = { token: string } | { appId: string; privateKey: string; installationId: string };

/**
 * An Octokit for a personal/fine-grained token or a GitHub App installation. `baseUrl` points
 * it at GitHub Enterprise Server or a test double. No retry or throttling plugins: a failed
 * call comes back at once and the caller (an Inngest step) owns retrying.
 */
export function createGithubClient(auth: GithubAuth, baseUrl?: string): Octokit {
  const base = { ...(baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, "") } : {}), log: QUIET };
  if ("token" in auth) {
    if (!auth.token.trim()) throw new Error("createGithubClient: the token is empty");
    return new Octokit({ ...base, auth: auth.token, userAgent: "suture" });
  }
  return new Octokit({
    ...base,
    userAgent: "suture",
    authStrategy: createAppAuth,
    auth: { appId: auth.appId, privateKey: auth.privateKey, installationId: auth.installationId },
  });
}

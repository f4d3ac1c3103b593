import { randomUUID } from "node:crypto";
import { githubDeliveryHeaders, signGithubPayload } from "@suture/github/test-support";

export const GITHUB_SECRET = "github-webhook-secret-for-core-tests";

export interface GithubDelivery {
  body: Uint8Array;
  headers: Headers;
}

/** A payload as GitHub delivers it: the bytes plus a signature and a fresh delivery GUID. */
export async function githubDelivery(
  event: string,
  payload: unknown,
  opts: { guid?: string; secret?: string } = {},
): Promise<GithubDelivery> {
  const text = typeof payload === "string" ? payload : JSON.stringify(payload);
  const signature = await signGithubPayload(opts.secret ?? GITHUB_SECRET, text);
  return {
    body: new TextEncoder().encode(text),
    headers: new Headers(githubDeliveryHeaders(event, opts.guid ?? randomUUID(), signature)),
  };
}

export const repository = (owner: string, name: string) => ({
  id: 42,
  name,
  full_name: `${owner}/${name}`,
  owner: { login: owner },
});

export function pullRequestPayload(
  action: string,
  at: { owner: string; repo: string; number: number; branch: string; sha: string },
  pr: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    action,
    number: at.number,
    pull_request: {
      number: at.number,
      state: "open",
      draft: true,
      merged: false,
      merged_at: null,
      head: { ref: at.branch, sha: at.sha },
      base: { ref: "main" },
      ...pr,
    },
    repository: repository(at.owner, at.repo),
    sender: { login: "ana" },
  };
}

export function checkSuitePayload(
  at: { owner: string; repo: string; branch: string; sha: string; number?: number },
  conclusion: string,
): Record<string, unknown> {
  return {
    action: "completed",
    check_suite: {
      head_branch: at.branch,
      head_sha: at.sha,
      status: "completed",
      conclusion,
      pull_requests: at.number ? [{ number: at.number, head: { ref: at.branch, sha: at.sha } }] : [],
    },
    repository: repository(at.owner, at.repo),
  };
}

import { env } from "../env.ts";

/** Longer than any link we render; a longer value is not a link someone should click. */
const MAX_URL_LENGTH = 2048;

/**
 * A link built from stored data (Sentry payloads, Seer, the agent, GitHub answers) as it may go
 * into an `href`: an absolute `https:` URL without credentials, on one of `hosts` (`host[:port]`,
 * exactly) when they are given, in its normalized form. Anything else — `data:`, `javascript:`,
 * `http:`, a relative path, `https://github.com@evil.example/`, another host — is null, and the
 * caller shows no link.
 */
export function safeHttpsUrl(value: unknown, hosts?: readonly string[]): string | null {
  if (typeof value !== "string" || value.length > MAX_URL_LENGTH || !URL.canParse(value)) return null;
  const url = new URL(value);
  if (url.protocol !== "https:" || url.username !== "" || url.password !== "") return null;
  if (hosts && !hosts.includes(url.host)) return null;
  return url.href;
}

/**
 * Where the configured GitHub serves its pages (pull requests): github.com, or the GitHub
 * Enterprise Server host that GITHUB_API_URL names (`https://ghe.example.com/api/v3`).
 */
export function githubWebHost(apiUrl: string | undefined = env.GITHUB_API_URL): string {
  if (!apiUrl || !URL.canParse(apiUrl)) return "github.com";
  const { host } = new URL(apiUrl);
  return host === "api.github.com" ? "github.com" : host;
}

/** A pull request link on the configured GitHub, or null. */
export const safePullRequestUrl = (value: unknown): string | null => safeHttpsUrl(value, [githubWebHost()]);

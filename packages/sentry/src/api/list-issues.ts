import { z } from "zod";
import { id } from "../schemas/common.ts";
import { type SentryIssue, issueSchema } from "../schemas/issue.ts";
import { type SentryApiOptions, type SentryApiResult, apiPath, sentryRequest } from "./sentry-request.ts";

export interface ListIssuesParams {
  /** Issues last seen at or after this time. */
  since: Date;
  /** …and before this one. */
  until: Date;
  /** From the previous page's `nextCursor`. */
  cursor?: string;
  /** Sentry's search; `is:unresolved` (new and regressed issues) unless given. */
  query?: string;
}

export interface ListedIssue {
  /** The issue as Sentry serialized it, unknown fields included: what a webhook would carry. */
  raw: Record<string, unknown>;
  issue: SentryIssue;
}

export interface IssuePage {
  issues: ListedIssue[];
  /** Entries that are no issue (no id, not an object): their position and why. */
  rejected: { index: number; error: string }[];
  /** The next page's cursor, or null when Sentry says there are no more results. */
  nextCursor: string | null;
  /** `X-Sentry-Rate-Limit-Remaining` and `-Reset`, when Sentry sent them. */
  rateLimit: { remaining: number | null; resetAt: Date | null };
}

const MAX_PER_PAGE = 100;
/** Sentry issue ids are decimal; anything else would not name an issue in a later call. */
const listedIssueSchema = issueSchema.extend({ id: id.pipe(z.string().regex(/^\d{1,20}$/, "must be a decimal id")) });

/**
 * One page of `GET /api/0/organizations/{org}/issues/`, sorted by last seen, across every project
 * the token can see. Entries are checked one by one: a malformed one is reported, not fatal.
 */
export async function listOrganizationIssues(
  options: SentryApiOptions,
  params: ListIssuesParams,
): Promise<SentryApiResult<IssuePage>> {
  const search = new URLSearchParams({
    project: "-1",
    query: params.query ?? "is:unresolved",
    sort: "date",
    start: params.since.toISOString(),
    end: params.until.toISOString(),
    limit: String(MAX_PER_PAGE),
    collapse: "stats",
  });
  if (params.cursor) search.set("cursor", params.cursor);
  const path = `${apiPath`/api/0/organizations/${options.org}/issues/`}?${search.toString()}`;
  const response = await sentryRequest(options, "GET", path);
  if (response.status === "failed") return response;
  if (!Array.isArray(response.json))
    return { status: "failed", error: "Sentry's issue list is not a JSON array", httpStatus: response.httpStatus };
  const page: IssuePage = {
    issues: [],
    rejected: [],
    nextCursor: nextCursor(response.headers.get("link")),
    rateLimit: rateLimit(response.headers),
  };
  response.json.forEach((entry: unknown, index) => {
    const parsed = listedIssueSchema.safeParse(entry);
    if (parsed.success) page.issues.push({ raw: entry as Record<string, unknown>, issue: parsed.data });
    else page.rejected.push({ index, error: z.prettifyError(parsed.error).slice(0, 200) });
  });
  return { status: "ok", ...page };
}

/**
 * The cursor of the `rel="next"` link when it has `results="true"`. Sentry always sends a next
 * link; `results="false"` is how it says the list has ended.
 */
export function nextCursor(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(/,(?=\s*<)/)) {
    const attributes = new Map(
      [...part.matchAll(/;\s*(?<name>[a-z]+)="(?<value>[^"]*)"/gi)].map(
        (m) => [m.groups?.name?.toLowerCase() ?? "", m.groups?.value ?? ""] as const,
      ),
    );
    if (attributes.get("rel") !== "next") continue;
    const cursor = attributes.get("cursor");
    return attributes.get("results") === "true" && cursor ? cursor : null;
  }
  return null;
}

function rateLimit(headers: Headers): IssuePage["rateLimit"] {
  const number = (name: string) => {
    const value = headers.get(name);
    return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : null;
  };
  const reset = number("x-sentry-rate-limit-reset");
  return {
    remaining: number("x-sentry-rate-limit-remaining"),
    resetAt: reset === null ? null : new Date(reset * 1000),
  };
}

import type { EventContext } from "../event-context.ts";
import { eventContextFromApi } from "../event-context-from-api.ts";
import { type IssuePage, type ListIssuesParams, listOrganizationIssues } from "./list-issues.ts";
import { readSentryRelease, type SentryRelease } from "./sentry-releases.ts";
import {
  type SentryApiFailure,
  type SentryApiOptions,
  type SentryApiResult,
  apiPath,
  sentryRequest,
} from "./sentry-request.ts";

export interface PullRequestLink {
  /** Sentry's issue id (the numeric group id, not the short id). */
  issueId: string;
  /** The pull request's URL. */
  webUrl: string;
  /** Shown by Sentry as `<project>#<identifier>`, e.g. `acme/checkout-api` and `42`. */
  project: string;
  identifier: string;
}

export interface SentryApi {
  /** One page of the organization's issues last seen in a time range (`GET …/organizations/{org}/issues/`). */
  listIssues(params: ListIssuesParams): Promise<SentryApiResult<IssuePage>>;
  /** The event Sentry recommends for the issue (falls back to the latest where `recommended` is unknown). */
  recommendedEvent(
    issueId: string,
  ): Promise<SentryApiResult<{ context: EventContext; source: "recommended" | "latest" }>>;
  resolveIssue(issueId: string, options: { inNextRelease: boolean }): Promise<SentryApiResult>;
  /** Links a pull request to the issue as the integration's external issue. */
  linkPullRequest(
    installationUuid: string,
    link: PullRequestLink,
  ): Promise<SentryApiResult<{ externalIssueId: string | null }>>;
  comment(issueId: string, text: string): Promise<SentryApiResult<{ commentId: string | null }>>;
  /**
   * Starts a Seer Autofix run that goes as far as `stoppingPoint` (default `open_pr`). Sentry's
   * 402 (the organization has no Seer budget left) fails with a message that says so.
   */
  startAutofix(
    issueId: string,
    options?: { stoppingPoint?: AutofixStoppingPoint },
  ): Promise<SentryApiResult<{ runId: string }>>;
  /** A release's deploys and newest commit (404 for a release Sentry does not know). */
  readRelease(version: string): Promise<SentryApiResult<{ release: SentryRelease }>>;
}

/** How far Seer goes before it stops: Sentry's `stopping_point`, in the order Seer reaches them. */
export const AUTOFIX_STOPPING_POINTS = ["root_cause", "solution", "code_changes", "open_pr"] as const;
export type AutofixStoppingPoint = (typeof AUTOFIX_STOPPING_POINTS)[number];

/** A client for the few Sentry REST endpoints Suture uses. Never throws on HTTP or network errors. */
// eslint-disable-next-line max-lines-per-function -- one short method per Sentry endpoint; splitting it would scatter the client
export function createSentryApi(options: SentryApiOptions): SentryApi {
  if (!/^https?:\/\//.test(options.baseUrl))
    throw new TypeError(`Sentry base URL must be http(s), got "${options.baseUrl}"`);
  const org = options.org;
  const call = (method: string, path: string, body?: unknown) => sentryRequest(options, method, path, body);
  const issuePath = (issueId: string) => apiPath`/api/0/organizations/${org}/issues/${issueId}/`;
  const invalid = (error: string) => ({ status: "failed", error }) as const;

  return {
    listIssues: (params) => listOrganizationIssues(options, params),

    async recommendedEvent(issueId) {
      if (!isId(issueId)) return invalid(`Sentry issue id must be digits, got "${issueId}"`);
      let source: "recommended" | "latest" = "recommended";
      let response = await call("GET", `${issuePath(issueId)}events/recommended/`);
      // Self-hosted Sentry before `recommended` existed answers 404 for it.
      if (response.status === "failed" && response.httpStatus === 404) {
        source = "latest";
        response = await call("GET", `${issuePath(issueId)}events/latest/`);
      }
      if (response.status === "failed") return response;
      const context = eventContextFromApi(response.json);
      const webUrl = context.eventId
        ? webPath(options, `/organizations/${org}/issues/${issueId}/events/${context.eventId}/`)
        : null;
      return { status: "ok", source, context: { ...context, webUrl } };
    },

    async resolveIssue(issueId, { inNextRelease }) {
      if (!isId(issueId)) return invalid(`Sentry issue id must be digits, got "${issueId}"`);
      const body = inNextRelease
        ? { status: "resolved", statusDetails: { inNextRelease: true } }
        : { status: "resolved" };
      const response = await call("PUT", issuePath(issueId), body);
      return response.status === "ok" ? { status: "ok" } : response;
    },

    async linkPullRequest(installationUuid, link) {
      if (!isId(link.issueId)) return invalid(`Sentry issue id must be digits, got "${link.issueId}"`);
      if (!installationUuid) return invalid("installation uuid is empty");
      const numericId = Number(link.issueId);
      const response = await call(
        "POST",
        apiPath`/api/0/sentry-app-installations/${installationUuid}/external-issues/`,
        {
          issueId: Number.isSafeInteger(numericId) ? numericId : link.issueId,
          webUrl: link.webUrl,
          project: link.project,
          identifier: link.identifier,
        },
      );
      return response.status === "ok" ? { status: "ok", externalIssueId: idOf(response.json, "id") } : response;
    },

    async comment(issueId, text) {
      if (!isId(issueId)) return invalid(`Sentry issue id must be digits, got "${issueId}"`);
      if (text.trim() === "") return invalid("comment text is empty");
      const response = await call("POST", `${issuePath(issueId)}comments/`, { text });
      return response.status === "ok" ? { status: "ok", commentId: idOf(response.json, "id") } : response;
    },

    async startAutofix(issueId, { stoppingPoint = "open_pr" } = {}) {
      if (!isId(issueId)) return invalid(`Sentry issue id must be digits, got "${issueId}"`);
      if (!(AUTOFIX_STOPPING_POINTS as readonly string[]).includes(stoppingPoint))
        return invalid(`Autofix stopping point must be one of ${AUTOFIX_STOPPING_POINTS.join(", ")}`);
      // Only `stopping_point`: the fields older Sentry took (`instruction`, `event_id`) are gone.
      const response = await call("POST", `${issuePath(issueId)}autofix/`, { stopping_point: stoppingPoint });
      if (response.status === "failed" && response.httpStatus === 402) return noBudget(response);
      if (response.status === "failed") return response;
      const runId = idOf(response.json, "run_id");
      return runId
        ? { status: "ok", runId }
        : { status: "failed", error: "Sentry started Autofix but returned no run_id", httpStatus: response.httpStatus };
    },

    readRelease: (version) =>
      version.trim() === ""
        ? Promise.resolve(invalid("release version is empty"))
        : readSentryRelease(options, version),
  };
}

/**
 * Sentry's 402: the organization has no Seer budget left. Sentry's own words (the `detail` that
 * ends the failure's message) are kept only when short and plain: they end up in a run's reason.
 */
function noBudget(response: SentryApiFailure): SentryApiFailure {
  const detail = /HTTP 402: ([\x20-\x7e]{1,120})$/.exec(response.error)?.[1];
  const said = detail ? `Sentry answered 402: ${detail}` : "Sentry answered 402";
  return { status: "failed", httpStatus: 402, error: `no Seer budget left for this organization (${said})` };
}

const isId = (value: string): boolean => /^\d+$/.test(value);

function idOf(json: unknown, key: string): string | null {
  const value = json && typeof json === "object" ? (json as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" || typeof value === "number" ? String(value) : null;
}

/** The web UI lives at the same origin as the API (sentry.io and self-hosted alike). */
function webPath(options: SentryApiOptions, path: string): string {
  return `${options.baseUrl.replace(/\/+$/, "")}${path}`;
}

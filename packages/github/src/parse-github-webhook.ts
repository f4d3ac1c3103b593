import type { z } from "zod";
import { GithubPayloadError } from "./github-payload-error.ts";
import {
  checkRunEvent,
  checkSuiteEvent,
  deploymentStatusEvent,
  pullRequestEvent,
  pullRequestReviewEvent,
  statusEvent,
} from "./github-payloads.ts";
import {
  type ChecksState,
  checkState,
  type PrState,
  prStateOf,
  type ReviewState,
  reviewStateOf,
  statusState,
} from "./github-states.ts";

/** What one delivery says about a pull request, whichever event carried it. */
export interface GithubUpdate {
  event: string;
  action: string;
  owner: string;
  repo: string;
  prNumber: number | null;
  branch: string | null;
  headSha: string | null;
  prState?: PrState;
  reviewState?: ReviewState;
  checksState?: ChecksState;
}

/** A successful deployment GitHub reports (`deployment_status`): what was deployed where. */
export interface GithubDeployment {
  event: "deployment_status";
  owner: string;
  repo: string;
  environment: string;
  sha: string;
  /** The deployment payload's `release` when it names one, else the commit: Sentry releases are often the SHA. */
  release: string;
  url: string | null;
  deployedAt: Date | null;
}

const PULL_REQUEST_ACTIONS = ["opened", "ready_for_review", "converted_to_draft", "closed", "reopened", "synchronize"];
const FOLLOWED: Record<string, string[] | null> = {
  pull_request: PULL_REQUEST_ACTIONS,
  pull_request_review: ["submitted", "dismissed"],
  check_suite: ["completed"],
  check_run: ["created", "completed"],
  status: null,
  deployment_status: ["created"],
};

/**
 * Reads one verified delivery (the `X-GitHub-Event` name and its JSON). Events and actions
 * Suture does not follow come back as `{ ignored }`; a followed one that is not shaped as
 * GitHub documents it throws GithubPayloadError, naming each bad field.
 */
export function parseGithubWebhook(
  event: string,
  payload: unknown,
): GithubUpdate | GithubDeployment | { ignored: string } {
  const action = actionOf(event, payload);
  const ignored = whyIgnored(event, action);
  if (ignored !== null) return { ignored };
  if (event === "deployment_status") return deploymentOf({ event, action, payload });
  return updateOf({ event, action, payload });
}

function deploymentOf(delivery: Delivery): GithubDeployment | { ignored: string } {
  const { deployment_status: status, deployment, repository } = parse(delivery, deploymentStatusEvent);
  if (status.state !== "success")
    return { ignored: `deployment_status ${status.state}: only successful deployments are recorded` };
  const named = (deployment.payload as { release?: unknown } | null | undefined)?.release;
  const release = typeof named === "string" && named.trim() && named.length <= 250 ? named.trim() : deployment.sha;
  const at = status.created_at ?? deployment.created_at;
  const url = [status.environment_url, status.target_url].find((u) => typeof u === "string" && /^https?:\/\//.test(u));
  return {
    event: "deployment_status",
    owner: repository.owner.login,
    repo: repository.name,
    environment: deployment.environment,
    sha: deployment.sha.toLowerCase(),
    release,
    url: url ?? null,
    deployedAt: at && !Number.isNaN(Date.parse(at)) ? new Date(at) : null,
  };
}

/** The payload's `action` ("" when it has none); throws when the payload is not an object. */
function actionOf(event: string, payload: unknown): string {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) {
    throw new GithubPayloadError(event, "", ["expected a JSON object"]);
  }
  const raw = (payload as { action?: unknown }).action;
  if (raw !== undefined && typeof raw !== "string")
    throw new GithubPayloadError(event, "", ["action: expected a string"]);
  return raw ?? "";
}

/** Why Suture ignores this event and action, or null when it follows them. */
function whyIgnored(event: string, action: string): string | null {
  if (event === "ping") return "ping: GitHub is checking that the webhook is reachable";
  const actions = FOLLOWED[event];
  if (actions === undefined) return `${event} events are not followed`;
  if (actions && !actions.includes(action)) return `${event}.${action || "(no action)"} changes nothing Suture follows`;
  return null;
}

/** One followed delivery: the event name, its action and the payload still to be checked. */
interface Delivery {
  event: string;
  action: string;
  payload: unknown;
}

function updateOf(delivery: Delivery): GithubUpdate {
  const { event, action } = delivery;
  switch (event) {
    case "pull_request": {
      const { pull_request: pr, repository } = parse(delivery, pullRequestEvent);
      return {
        ...base(delivery, repository),
        prNumber: pr.number,
        branch: pr.head.ref,
        headSha: pr.head.sha,
        prState: prStateOf(pr),
      };
    }
    case "pull_request_review": {
      const { pull_request: pr, review, repository } = parse(delivery, pullRequestReviewEvent);
      const reviewState = action === "dismissed" ? "dismissed" : reviewStateOf(review.state);
      if (!reviewState) throw new GithubPayloadError(event, action, [`review.state: unknown state "${review.state}"`]);
      return {
        ...base(delivery, repository),
        prNumber: pr.number,
        branch: pr.head.ref,
        headSha: pr.head.sha,
        reviewState,
      };
    }
    case "check_suite": {
      const { check_suite: suite, repository } = parse(delivery, checkSuiteEvent);
      return {
        ...base(delivery, repository),
        prNumber: suite.pull_requests[0]?.number ?? null,
        branch: suite.head_branch,
        headSha: suite.head_sha,
        checksState: checkState(suite.status, suite.conclusion),
      };
    }
    case "check_run": {
      const { check_run: run, repository } = parse(delivery, checkRunEvent);
      const state = action === "created" ? "pending" : checkState(run.status, run.conclusion);
      return {
        ...base(delivery, repository),
        prNumber: run.pull_requests[0]?.number ?? null,
        branch: run.check_suite?.head_branch ?? run.pull_requests[0]?.head?.ref ?? null,
        headSha: run.head_sha,
        // One run passing says nothing of the others: success is left to the suite's event.
        ...(state === "success" ? {} : { checksState: state }),
      };
    }
    default: {
      const status = parse(delivery, statusEvent);
      // `branches` lists every branch containing the commit; the one whose head it is names the PR.
      const branch = status.branches.find((b) => b.commit.sha === status.sha)?.name ?? null;
      return {
        ...base(delivery, status.repository),
        prNumber: null,
        branch,
        headSha: status.sha,
        checksState: statusState(status.state),
      };
    }
  }
}

/** The payload as `schema` documents it; otherwise GithubPayloadError naming each bad field. */
function parse<T extends z.ZodType>({ event, action, payload }: Delivery, schema: T): z.infer<T> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  throw new GithubPayloadError(
    event,
    action,
    result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`),
  );
}

function base({ event, action }: Delivery, repository: { name: string; owner: { login: string } }) {
  return { event, action, owner: repository.owner.login, repo: repository.name };
}

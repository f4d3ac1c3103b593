import { readFileSync } from "node:fs";
import { deliveryHeaders } from "../src/delivery-headers.ts";
import { fixturePath } from "../src/fixtures.ts";

export interface SampleBug {
  file: string;
  function: string;
  lineno: number;
  errorType: string;
  errorValue: string;
  contextLine: string;
}

/** Personal data a careless PR bot would copy into GitHub: none of it may reach the PR. */
export const PERSONAL = {
  email: "jane.doe@example.com",
  ip: "203.0.113.77",
  token: "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
};

const fixture = (name: string) =>
  JSON.parse(readFileSync(fixturePath(name), "utf8")) as { data: Record<string, Record<string, unknown>> };

/**
 * Sentry's real `issue.created` and `error.created` payloads, re-aimed at the sample app: a new
 * issue id and short id, and the event's stack trace pointing at the app's bug (as deployed
 * under /app/). The event carries personal data, as real ones do.
 */
export interface SignedDelivery {
  resource: string;
  body: string;
  headers: Record<string, string>;
}

export function sampleAppDeliveries(
  bug: SampleBug,
  issueId: string,
  shortId: string,
  secret: string,
): { issue: SignedDelivery; error: SignedDelivery } {
  const issue = fixture("issue.created.json");
  Object.assign(issue.data.issue!, {
    id: issueId,
    shortId,
    title: `${bug.errorType}: ${bug.errorValue}`,
    culprit: `${bug.function}(/app/${bug.file})`,
    web_url: `https://acme.sentry.io/issues/${issueId}/`,
    metadata: { type: bug.errorType, value: bug.errorValue },
  });

  const error = fixture("error.created.json");
  const event = error.data.error!;
  Object.assign(event, {
    event_id: `${issueId}`.padEnd(32, "e"),
    issue_id: issueId,
    title: `${bug.errorType}: ${bug.errorValue}`,
    message: `checkout failed for ${PERSONAL.email} from ${PERSONAL.ip}`,
    culprit: `${bug.function}(/app/${bug.file})`,
    release: "shop@1.0.0",
    platform: "node",
    web_url: `https://acme.sentry.io/issues/${issueId}/events/${issueId}/`,
    tags: [
      ["environment", "production"],
      ["user.email", PERSONAL.email],
      ["client_ip", PERSONAL.ip],
    ],
    breadcrumbs: {
      values: [
        {
          timestamp: 1751006912.5,
          type: "http",
          category: "fetch",
          level: "info",
          message: `GET https://api.example.com/cart?session=${PERSONAL.token}`,
        },
      ],
    },
    exception: {
      values: [
        {
          type: bug.errorType,
          value: bug.errorValue,
          stacktrace: {
            frames: [
              {
                function: "handleCheckout",
                filename: "/app/src/server.js",
                abs_path: "/app/src/server.js",
                lineno: 40,
                in_app: true,
                context_line: "  const total = cartTotal(cart.items);",
              },
              {
                function: bug.function,
                filename: `/app/${bug.file}`,
                abs_path: `/app/${bug.file}`,
                lineno: bug.lineno,
                in_app: true,
                context_line: bug.contextLine,
              },
            ],
          },
        },
      ],
    },
  });
  const signed = (resource: string, value: unknown): SignedDelivery => {
    const body = JSON.stringify(value);
    return { resource, body, headers: deliveryHeaders(resource, body, secret) };
  };
  return { issue: signed("issue", issue), error: signed("error", error) };
}

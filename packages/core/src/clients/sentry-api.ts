import { type SentryApi, createSentryApi } from "@suture/sentry";
import { env } from "../env.ts";

/** The Sentry REST client, or null when SENTRY_AUTH_TOKEN or SENTRY_ORG is not set. */
export function sentryApi(): SentryApi | null {
  if (!env.SENTRY_AUTH_TOKEN || !env.SENTRY_ORG) return null;
  return createSentryApi({ baseUrl: env.SENTRY_URL, token: env.SENTRY_AUTH_TOKEN, org: env.SENTRY_ORG });
}

/** Which settings the REST client still needs, in words for a timeline; null when configured. */
export function sentryApiMissing(): string | null {
  const missing = [!env.SENTRY_AUTH_TOKEN && "SENTRY_AUTH_TOKEN", !env.SENTRY_ORG && "SENTRY_ORG"].filter(Boolean);
  return missing.length > 0 ? `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set` : null;
}

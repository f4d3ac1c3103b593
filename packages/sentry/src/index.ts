// @suture/sentry: Sentry's integration-platform wire format, and nothing else. Pure functions:
// signature check, envelope parsing, dedup keys and normalizers (no I/O outside fixture helpers).
export * from "./types.ts";
export { verifySignature, signBody } from "./verify-signature.ts";
export { opaqueEnvelope, parseEnvelope } from "./parse-envelope.ts";
export { dedupKey } from "./dedup-key.ts";
export { normalize, type NormalizeOptions } from "./normalize.ts";
export { SentryPayloadError } from "./payload-error.ts";
export { canonicalResource, isSentryResource } from "./resources.ts";
export { isKnownEvent } from "./known-events.ts";
export { deliveryHeaders } from "./delivery-headers.ts";
export type { EventContext, EventContextFrame, EventContextBreadcrumb } from "./event-context.ts";
export { eventContextFromEvent } from "./event-context-from-event.ts";
export { eventContextFromApi } from "./event-context-from-api.ts";
// The one exception to "no I/O": the REST client in src/api/, over the global fetch.
export {
  AUTOFIX_STOPPING_POINTS,
  type AutofixStoppingPoint,
  createSentryApi,
  type SentryApi,
  type PullRequestLink,
} from "./api/sentry-api.ts";
export type { SentryApiOptions, SentryApiResult, SentryApiFailure } from "./api/sentry-request.ts";
export type { SentryDeploy, SentryRelease } from "./api/sentry-releases.ts";
export {
  listOrganizationIssues,
  nextCursor,
  type IssuePage,
  type ListedIssue,
  type ListIssuesParams,
} from "./api/list-issues.ts";
export { eventSchema, type SentryEvent } from "./schemas/event.ts";
export { seerObservationMetadata, type StoredSeerObservationMetadata } from "./schemas/seer-metadata.ts";
export type { ChangeSummary, PullRequestSummary } from "./seer-sections.ts";

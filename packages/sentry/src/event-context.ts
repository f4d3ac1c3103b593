/**
 * What a fix needs to know about one Sentry event, from either place it can come from: the
 * stored webhook event (`error.created`) or Sentry's REST API (`…/events/recommended/`). All of
 * it is untrusted text written by the failing app and its users.
 */
export interface EventContextFrame {
  filename: string | null;
  absPath: string | null;
  module: string | null;
  function: string | null;
  lineno: number | null;
  colno: number | null;
  inApp: boolean;
  preContext: string[];
  contextLine: string | null;
  postContext: string[];
}

export interface EventContextBreadcrumb {
  timestamp: string | null;
  category: string | null;
  level: string | null;
  message: string | null;
}

export interface EventContext {
  eventId: string | null;
  title: string | null;
  message: string | null;
  culprit: string | null;
  level: string | null;
  platform: string | null;
  errorType: string | null;
  errorValue: string | null;
  release: string | null;
  environment: string | null;
  /** Crashing frame first. */
  frames: EventContextFrame[];
  tags: { key: string; value: string }[];
  /** Oldest first, as Sentry lists them; at most the last 30. */
  breadcrumbs: EventContextBreadcrumb[];
  webUrl: string | null;
}

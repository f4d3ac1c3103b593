// Test helpers for packages that talk to Sentry's REST API; not part of the runtime package.
export {
  startSentryDouble,
  type RecordedRequest,
  type RecordedCall,
  type SentryDouble,
  type SentryDoubleOptions,
} from "./sentry-double.ts";
export { sampleAppDeliveries, PERSONAL, type SampleBug, type SignedDelivery } from "./sample-app-event.ts";

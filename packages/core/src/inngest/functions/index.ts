import { linkRelease } from "./link-release.ts";
import { processSentryDelivery } from "./process-sentry-delivery.ts";
import { sweepPendingDeliveries } from "./sweep-pending-deliveries.ts";
import { triageObservation } from "./triage-observation.ts";

/** Every function the app serves; `/api/inngest` serves exactly this list. */
export const functions = [processSentryDelivery, linkRelease, sweepPendingDeliveries, triageObservation];

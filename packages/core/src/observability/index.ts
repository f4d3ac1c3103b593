export { log } from "./log.ts";
export {
  metricsAccess,
  metricsText,
  observeAgent,
  observeTests,
  observeWebhook,
  registerDatabaseGauges,
  type WebhookOutcome,
} from "./metrics.ts";

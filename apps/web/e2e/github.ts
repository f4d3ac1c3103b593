/** The webhook secret the test server is started with (see playwright.config.ts). */
export const GITHUB_WEBHOOK_SECRET = "e2e-github-webhook-secret";

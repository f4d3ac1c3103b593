import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { fixtureBody, signedHeaders } from "./sentry";

export const PASSWORD = "e2e password 1234";
export const ACME_INSTALLATION = "0e2e0e2e-0000-4000-8000-0000000000ac";
/** The installation whose deliveries go to `shop` on the flow server (e2e/prepare-flow.ts). */
export const SHOP_INSTALLATION = "0e2e0e2e-0000-4000-8000-00000000005e";

/** Who the browser specs act as; each has a saved session from the setup project. */
export const USERS = {
  admin: { email: "admin@example.com", state: "test-results/.auth/admin.json" },
  viewer: { email: "viewer@example.com", state: "test-results/.auth/viewer.json", workspace: "acme", role: "viewer" },
  approver: {
    email: "approver@example.com",
    state: "test-results/.auth/approver.json",
    workspace: "acme",
    role: "approver",
  },
  approver2: {
    email: "approver2@example.com",
    state: "test-results/.auth/approver2.json",
    workspace: "acme",
    role: "approver",
  },
  outsider: {
    email: "outsider@example.com",
    state: "test-results/.auth/outsider.json",
    workspace: "default",
    role: "approver",
  },
} as const;

export function dataDir(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is set by playwright.config.ts");
  return dir;
}

/** The one-time setup token the server wrote into its data folder at boot (owner-only file). */
export function setupToken(dir = dataDir()): string {
  return readFileSync(join(dir, "setup-token"), "utf8").trim();
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

let issueCounter = 0;

/**
 * A new Sentry issue in the acme workspace (its installation is mapped there and a repository
 * is connected), so triage opens a fix run awaiting approval. Returns the run's id once it exists.
 */
export async function newAcmeRun(request: APIRequestContext, page: Page): Promise<string> {
  const issueId = `77${Date.now() % 1_000_000_000}${issueCounter++}`;
  const body = fixtureBody("issue.created.json")
    .toString()
    .replaceAll("6123456789", issueId)
    .replaceAll("a8e5d37a-696c-4c54-adb5-b3f28d64c7de", ACME_INSTALLATION)
    .replace("Exception: This is an example Python exception", `TypeError: cart total is undefined (${issueId})`);
  const response = await request.post("/api/sentry/webhooks", { data: body, headers: signedHeaders("issue", body) });
  expect(response.status()).toBe(202);
  let runId = "";
  await expect(async () => {
    await page.goto("/acme");
    const link = page.getByRole("region", { name: "Fix runs" }).getByRole("link", { name: new RegExp(issueId) });
    const href = await link.getAttribute("href", { timeout: 1000 });
    runId = href!.split("/").at(-1)!;
  }).toPass({ timeout: 30_000 });
  return runId;
}

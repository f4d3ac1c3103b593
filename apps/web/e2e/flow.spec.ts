// The whole way through the browser and the real server: a Sentry error for the sample app
// arrives, its run waits for approval, an approver dispatches it, the run page follows the
// agent's log while it runs (no reload), then shows the change and the draft PR the GitHub
// double opened. On the flow server (e2e/sample-shop.ts), whose agent is scriptedAgents.slowFix.
import { mkdirSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { SAMPLE_APP } from "@suture/fixer/test-support";
import { sampleAppDeliveries } from "@suture/sentry/test-support";
import { flowDataDir, flowPorts, GITHUB_TOKEN, SHOP_REPOSITORY, SHOP_WORKSPACE } from "./sample-shop";
import { SECRET, signedHeaders } from "./sentry";
import { dataDir, PASSWORD, setupToken, SHOP_INSTALLATION, signIn } from "./users";

const SHOTS = "test-results/screenshots";
const FIXTURE_INSTALLATION = "a8e5d37a-696c-4c54-adb5-b3f28d64c7de";
const TITLE = `${SAMPLE_APP.errorType}: ${SAMPLE_APP.errorValue}`;

const APPROVER = "shop-approver@example.com";
const ADMIN = "flow-admin@example.com";

test.use({ viewport: { width: 1440, height: 900 }, colorScheme: "light" });

/** The flow server's first admin (its setup link) adds an approver to `shop`. */
async function addShopApprover(page: Page): Promise<void> {
  await page.goto(`/setup?token=${setupToken(flowDataDir(dataDir()))}`);
  await page.getByLabel("Email").fill(ADMIN);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Password again").fill(PASSWORD);
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/setup"));
  await page.goto(`/${SHOP_WORKSPACE}/members`);
  await page.getByLabel("Email").fill(APPROVER);
  await page.getByLabel("Role", { exact: true }).selectOption("approver");
  await page.getByLabel(/First password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText(`${APPROVER} is`);
}

test("a Sentry error for the sample app becomes a draft PR: approve, follow the live log, see the diff and the PR", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  const issueId = `88${Date.now() % 1_000_000_000}`;
  const shortId = `SHOP-E2E-${issueId.slice(-6)}`;

  const admin = await browser.newContext();
  await addShopApprover(await admin.newPage());
  await admin.close();
  // Signed in, as an approver of `shop`.
  const page = await (await browser.newContext()).newPage();
  await signIn(page, APPROVER);
  await expect(page).toHaveURL(new RegExp(`/${SHOP_WORKSPACE}(/issues)?$`));

  // Sentry's issue.created then error.created, re-aimed at the installation `shop` receives and signed like Sentry.
  const { issue, error } = sampleAppDeliveries(SAMPLE_APP, issueId, shortId, SECRET);
  for (const delivery of [issue, error]) {
    const body = delivery.body.replaceAll(FIXTURE_INSTALLATION, SHOP_INSTALLATION);
    const response = await request.post("/api/sentry/webhooks", {
      data: body,
      headers: signedHeaders(delivery.resource, body),
    });
    expect(response.status(), delivery.resource).toBe(202);
  }

  // The issue's run awaits approval.
  await expect(async () => {
    await page.goto(`/${SHOP_WORKSPACE}/runs`);
    const row = page.getByRole("region", { name: "Fix runs" }).getByRole("row").filter({ hasText: shortId });
    await expect(row).toContainText("awaiting approval", { timeout: 1000 });
    await row.getByRole("link", { name: TITLE }).click({ timeout: 1000 });
    await expect(page).toHaveURL(/\/shop\/runs\/[0-9a-f-]{36}$/, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  const runId = page.url().split("/").at(-1)!;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  const status = page.getByTestId("run-status");
  await expect(status).toHaveText("awaiting approval");
  // Gone if the page is ever reloaded or navigated away from.
  await page.evaluate(() => Object.assign(window, { e2eSamePage: true }));

  // Approve & dispatch, with its confirm step.
  await page.getByRole("button", { name: "Approve & dispatch" }).click();
  await expect(page.getByRole("group", { name: "Confirm" })).toContainText(
    `Dispatch the coding agent for this issue in ${SHOP_REPOSITORY}?`,
  );
  await page.getByRole("button", { name: "Confirm approve & dispatch" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved." })).toBeVisible();
  await expect(page.getByTestId("decided-by")).toContainText(`by ${APPROVER}`);

  // The log follows the agent while the run is running: its first lines, then more, without a reload.
  const log = page.getByTestId("agent-log");
  await expect(status).toHaveText("running", { timeout: 30_000 });
  await expect(log).toContainText("step 1/8: reading the prompt", { timeout: 15_000 });
  const early = await log.innerText();
  await expect(status).toHaveText("running");
  await expect(page.getByRole("status").filter({ hasText: /^live$/ })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/flow-live-log-1440-light.png`, fullPage: true });
  expect(early, "the log was read before the agent finished").not.toContain("step 8/8");
  await expect(log).toContainText("step 8/8: summary follows", { timeout: 15_000 });
  await expect(log).toContainText("Root cause: cartTotal read item.product.price");

  // Then the change and the draft PR the GitHub double holds, on the same page.
  await expect(status).toHaveText("pr open", { timeout: 60_000 });
  const answer = await request.get(
    `http://127.0.0.1:${flowPorts(Number(process.env.E2E_PORT ?? 3210)).githubDouble}/repos/${SHOP_REPOSITORY}/pulls?state=all`,
    { headers: { authorization: `token ${GITHUB_TOKEN}` } },
  );
  expect(answer.status()).toBe(200);
  const pulls = (await answer.json()) as { number: number; draft: boolean; head: { ref: string } }[];
  const pull = pulls.find((p) => p.head.ref === `fix/sentry-${shortId}`);
  expect(pull, JSON.stringify(pulls.map((p) => p.head.ref))).toMatchObject({ draft: true });

  const diff = page.getByRole("region", { name: /The change/ });
  const files = diff.getByRole("navigation", { name: "Changed files" });
  await expect(files).toContainText(SAMPLE_APP.file);
  await expect(files).toContainText("test/cart-missing-product.test.js");
  await expect(
    diff.getByText("if (!item.product) continue; // a deleted product leaves its line behind").first(),
  ).toBeVisible();

  const pr = page.getByRole("region", { name: `Pull request #${pull!.number}` });
  await expect(pr).toContainText("draft");
  await expect(pr).toContainText(`fix/sentry-${shortId}`);
  await expect(page.getByRole("status").filter({ hasText: /^live$/ })).toHaveCount(0);
  expect(await page.evaluate(() => "e2eSamePage" in window), "the page was never reloaded").toBe(true);
  expect(page.url()).toContain(runId);
  await page.screenshot({ path: `${SHOTS}/flow-pr-open-1440-light.png`, fullPage: true });
});

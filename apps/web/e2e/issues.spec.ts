import { expect, type Page, test } from "@playwright/test";
import { fixtureBody, fixtures, resourceOf, signedHeaders } from "./sentry";
import { signIn, USERS } from "./users";

const PYTHON = "Exception: This is an example Python exception";

// The admin signs in here rather than reusing the saved session file, which other Playwright runs
// on this machine may rewrite meanwhile; signing in also lands on the workspace's Issues page.
test.use({ storageState: { cookies: [], origins: [] } });
test.beforeEach(async ({ page }) => {
  await signIn(page, USERS.admin.email);
  await expect(page).toHaveURL(/\/default\/issues$/);
});

async function screenshots(page: Page, name: string): Promise<void> {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `test-results/screenshots/${name}-${width}-${colorScheme}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("the issues list shows the fixtures' issues, and an issue shows its stack trace", async ({ page, request }) => {
  for (const name of fixtures()) {
    const body = fixtureBody(name);
    const response = await request.post("/api/sentry/webhooks", {
      data: body,
      headers: signedHeaders(resourceOf(name), body),
    });
    expect(response.status(), name).toBeLessThan(300);
  }

  // Processing runs after the answer: the list shows each issue once it is stored.
  const issues = page.getByRole("region", { name: "Issues" });
  await expect(async () => {
    await page.goto("/default/issues?tab=all");
    await expect(issues.getByRole("link", { name: PYTHON })).toBeVisible({ timeout: 1000 });
    await expect(issues.getByRole("link", { name: "ReferenceError: blooopy is not defined" })).toBeVisible({
      timeout: 1000,
    });
  }).toPass({ timeout: 20_000 });

  // Each row carries its level as a coloured mark; both fixture issues are errors (red).
  const marks = issues.locator('[data-level="error"]');
  expect(await marks.count()).toBeGreaterThanOrEqual(2);
  await expect(marks.first()).toHaveClass(/bg-red-700/);
  await expect(issues.getByRole("img", { name: /in the last 24 hours/ }).first()).toBeVisible();
  await screenshots(page, "issues");

  // A search narrows the list; the URL keeps it.
  await page.getByLabel("Search").fill("blooopy");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=blooopy/);
  await expect(issues.getByRole("link", { name: PYTHON })).toHaveCount(0);
  await expect(issues.getByRole("link", { name: "ReferenceError: blooopy is not defined" })).toBeVisible();

  // The error.created issue: its stack trace shows the crashing frame's source line, highlighted.
  await page.goto("/default/issues?tab=all");
  await issues.getByRole("link", { name: PYTHON }).click();
  await expect(page.getByRole("heading", { level: 1, name: PYTHON })).toBeVisible();
  const trace = page.getByRole("region", { name: "Stack trace" });
  await expect(trace.locator('[data-current="true"]').first()).toContainText(
    "raise Exception('This is an example Python exception')",
  );
  await expect(trace.getByText("crashed here")).toBeVisible();
  await expect(page.getByRole("region", { name: "Timeline" }).getByText("error.created").first()).toBeVisible();
  await screenshots(page, "issue");

  // Not an issue of this workspace (or not an id at all): 404.
  const missing = await page.goto("/default/issues/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);
  expect((await page.goto("/default/issues/not-an-id"))?.status()).toBe(404);
});

test("a search that matches nothing says so", async ({ page }) => {
  await page.goto("/default/issues?tab=all&q=no-such-issue-anywhere");
  await expect(page.getByText("No issue matches these filters.")).toBeVisible();
  await expect(page.getByLabel("Search")).toHaveValue("no-such-issue-anywhere");
});

import { expect, test } from "@playwright/test";

// Runs before every other spec (see playwright.config.ts): the server has received nothing yet.
test("a newcomer sees how to send a first webhook", async ({ page }) => {
  await page.goto("/default");
  await expect(page.getByRole("heading", { name: "No Sentry deliveries yet" })).toBeVisible();
  await expect(page.getByText("pnpm suture send --all")).toBeVisible();
  await page.screenshot({ path: "test-results/home-empty.png", fullPage: true });
});

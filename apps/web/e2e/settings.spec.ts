import { expect, type Page, test } from "@playwright/test";
import { SEEDED_FAILURE, UNROUTED_INSTALLATION } from "./seed-deliveries";
import { signIn, USERS } from "./users";

// Signs in afresh: the saved sessions in test-results/.auth are shared with other runs of the suite.
test.use({ storageState: { cookies: [], origins: [] } });
test.beforeEach(async ({ page }, info) => {
  await signIn(page, info.title.startsWith("settings are not there") ? USERS.viewer.email : USERS.admin.email);
});

/** Light and dark, wide and narrow: the screenshots looked at by hand. */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `test-results/screenshots/${name}-${colorScheme}-${width}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("an admin replays a failed delivery, then all the failed ones after confirming their count", async ({ page }) => {
  await page.goto("/lab/deliveries?status=failed");
  const table = page.getByRole("region", { name: "Failed deliveries" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByText(SEEDED_FAILURE).first()).toBeVisible();
  await screenshots(page, "deliveries-failed");

  await table
    .getByRole("link", { name: /Delivery issue\.created/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "Body (JSON, indented)" })).toBeVisible();
  await expect(page.locator("pre")).toContainText('"installation": {');
  await expect(page.getByRole("region", { name: "Headers" })).toContainText("Sentry-Hook-Resource");
  await screenshots(page, "delivery");
  await page.getByRole("button", { name: "Replay", exact: true }).click();
  await expect(page.getByText("Replayed 1 delivery: it is being processed again.")).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("processed", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  await page.goto("/lab/deliveries");
  await page.getByRole("button", { name: "Replay all failed…" }).click();
  const confirm = page.getByRole("group", { name: "Confirm replay" });
  await expect(confirm).toContainText("Replay 1 failed delivery?");
  await screenshots(page, "deliveries-confirm");
  await confirm.getByRole("button", { name: "Replay 1" }).click();
  await expect(page.getByText("Replayed 1 delivery: it is being processed again.")).toBeVisible();
  await expect(async () => {
    await page.goto("/lab/deliveries?status=failed");
    await expect(page.getByText("No deliveries here.")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  await page.goto("/lab/audit");
  await expect(page.getByText("replayed a delivery")).toBeVisible();
  await expect(page.getByText("replayed deliveries")).toBeVisible();
});

test("an admin maps an unrouted installation in settings and its delivery is processed here", async ({ page }) => {
  await page.goto("/lab/deliveries?status=unrouted");
  await expect(page.getByText(/belong to no workspace yet/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Unrouted deliveries" }).getByText("e2e-seed-unrouted")).toBeVisible();
  await screenshots(page, "deliveries-unrouted");

  await page.goto("/lab/settings");
  await screenshots(page, "settings");
  await page.getByRole("button", { name: `Map installation ${UNROUTED_INSTALLATION} to lab` }).click();
  await expect(
    page.getByText(/Installation mapped to this workspace; 1 unrouted delivery is being processed/),
  ).toBeVisible();
  await expect(page.getByText("Mapped here")).toBeVisible();
  await expect(async () => {
    await page.goto("/lab/deliveries");
    const row = page.getByRole("row").filter({ hasText: "e2e-seed-unrouted" });
    await expect(row.getByText("processed")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
});

test("an admin connects, edits and removes a repository and sets the fix policy", async ({ page }) => {
  await page.goto("/lab/settings");
  await page.getByText("Connect a repository").click();
  await page.getByLabel("Repository (owner/name)").fill("lab/api");
  await page
    .getByLabel(/Code mappings/)
    .first()
    .fill("/app/=src/\n/lib/");
  await page.getByRole("button", { name: "Connect repository" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "code mappings line 2" })).toBeVisible();
  await page
    .getByLabel(/Code mappings/)
    .first()
    .fill("/app/=src/");
  await page.getByRole("button", { name: "Connect repository" }).click();
  await expect(page.getByText("lab/api connected.")).toBeVisible();

  await page.getByRole("button", { name: "Edit lab/api" }).click();
  await page.getByLabel("Default branch").first().fill("trunk");
  await page.getByRole("button", { name: "Save repository" }).click();
  await expect(page.getByText("lab/api saved.")).toBeVisible();
  await expect(page.getByText(/trunk · https:\/\/github.com\/lab\/api.git/)).toBeVisible();

  await page.getByLabel("Dispatches per hour").fill("20");
  await page.getByLabel("Dispatches per day").fill("5");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "dispatches per day cannot be fewer than dispatches per hour" }),
  ).toBeVisible();
  await page.getByLabel("Dispatches per day").fill("40");
  await page.getByLabel(/Auto: approve by policy/).check();
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText(/Fix policy saved \(mode, maxDispatchesPerHour, maxDispatchesPerDay\)/)).toBeVisible();

  await page.getByRole("button", { name: "Remove lab/api" }).click();
  await page.getByRole("button", { name: "Remove lab/api?" }).click();
  await expect(page.getByText("lab/api disconnected.")).toBeVisible();
  await page.goto("/lab/audit");
  for (const what of [
    "connected a repository",
    "changed a repository",
    "disconnected a repository",
    "changed the fix policy",
  ]) {
    await expect(page.getByText(what).first()).toBeVisible();
  }
});

test.describe("as a viewer", () => {
  test("settings are not there and deliveries offer no replay", async ({ page }) => {
    const response = await page.goto("/acme/settings");
    expect(response?.status()).toBe(404);
    await page.goto("/acme/deliveries");
    await expect(page.getByRole("heading", { name: "Deliveries", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Unrouted" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Replay/ })).toHaveCount(0);
  });
});

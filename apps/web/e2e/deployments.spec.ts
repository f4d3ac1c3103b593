import { mkdirSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { SHIP_INSTALLATION, SHIP_OTHER_COMMIT, SHIP_RELEASE, SHIP_SUSPECT } from "./seed-deployments";
import { fixtureBody, signedHeaders } from "./sentry";

const SHOTS = "test-results/screenshots";
const PYTHON = "Exception: This is an example Python exception";

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `${SHOTS}/${name}-${width}-${colorScheme}.png`, fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
}

test("the fixture error shows the deployment that introduced it and the suspect commit; the timeline lists it", async ({
  page,
  request,
}) => {
  // The fixture error (release checkout-api@2.4.1, production), delivered to `ship`, whose
  // deployments of that release were seeded with the commits since the previous one.
  const body = fixtureBody("error.created.json")
    .toString()
    .replaceAll("a8e5d37a-696c-4c54-adb5-b3f28d64c7de", SHIP_INSTALLATION);
  const response = await request.post("/api/sentry/webhooks", { data: body, headers: signedHeaders("error", body) });
  expect(response.status()).toBeLessThan(300);

  const issues = page.getByRole("region", { name: "Issues" });
  await expect(async () => {
    await page.goto("/ship/issues?tab=all");
    await expect(issues.getByRole("link", { name: PYTHON })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await issues.getByRole("link", { name: PYTHON }).click();
  await expect(page.getByRole("heading", { level: 1, name: PYTHON })).toBeVisible();

  const block = page.getByRole("region", { name: "Release & deployment" });
  await expect(block).toContainText(`First seen in release${SHIP_RELEASE}`);
  await expect(block.getByRole("link", { name: "production" })).toHaveAttribute(
    "href",
    /^\/ship\/deployments\?environment=production#deployment-[0-9a-f-]{36}$/,
  );
  await expect(block.getByRole("link", { name: "5b1c0ff" }).first()).toHaveAttribute(
    "href",
    "https://github.com/ship/checkout/commit/5b1c0ffee0d4c0ffee0d4c0ffee0d4c0ffee0d4",
  );
  await expect(block).toContainText("via github");
  await expect(block).toContainText("since checkout-api@2.4.0 (a1b2c3d)");
  await expect(block).toContainText("2 commits");
  await expect(block.getByRole("link", { name: "Compare on GitHub" })).toHaveAttribute(
    "href",
    "https://github.com/ship/checkout/compare/a1b2c3d4e5f6...5b1c0ffee0d4",
  );
  // The suspect: the commit that changed the crashing frame's file; the readme commit is not one.
  const suspects = block.getByRole("list", { name: "Suspect commits" });
  await expect(suspects.getByRole("listitem")).toHaveCount(1);
  await expect(suspects).toContainText(SHIP_SUSPECT.title);
  await expect(suspects).toContainText("Ana Lima · changed src/main.py");
  await expect(block).not.toContainText(SHIP_OTHER_COMMIT);
  await shoot(page, "issue-deployment");

  // The timeline: production's 2.4.1 introduced this issue; staging's did not (the error was seen in production).
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Deployments" }).click();
  await expect(page).toHaveURL(/\/ship\/deployments$/);
  const production = page.getByRole("region", { name: "production" });
  const shipped = production.getByRole("article", { name: `Deployment of ${SHIP_RELEASE}` });
  await expect(shipped).toContainText("This deploy introduced 1 new issue");
  await expect(shipped).toContainText("2 commits since the previous deploy");
  await expect(shipped.getByRole("link", { name: "Compare" })).toHaveAttribute(
    "href",
    "https://github.com/ship/checkout/compare/a1b2c3d4e5f6...5b1c0ffee0d4",
  );
  await expect(production.getByRole("article", { name: "Deployment of checkout-api@2.4.0" })).toContainText(
    "No new issue",
  );
  const staging = page.getByRole("region", { name: "staging" });
  await expect(staging.getByRole("article")).toHaveCount(2);
  await expect(staging.getByRole("article", { name: `Deployment of ${SHIP_RELEASE}` })).toContainText("No new issue");
  await expect(staging.getByRole("article", { name: "Deployment of checkout-api@2.4.2" })).toContainText("failure");
  await shoot(page, "deployments");

  // The introduced issue links back to its page.
  await shipped.getByRole("link", { name: PYTHON }).click();
  await expect(page.getByRole("heading", { level: 1, name: PYTHON })).toBeVisible();

  // One environment on its own; and another workspace's deployments never show.
  await page.goto("/ship/deployments?environment=staging");
  await expect(page.getByRole("heading", { level: 1, name: "Deployments to staging" })).toBeVisible();
  await page.goto("/default/deployments");
  await expect(page.getByRole("heading", { name: "No deployments recorded yet" })).toBeVisible();
  await expect(page.getByText(SHIP_RELEASE)).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/deployments-empty-1440-light.png`, fullPage: true });
});

test("an outsider of the workspace gets a 404 for its deployments", async ({ browser }) => {
  const outsider = await browser.newContext({ storageState: "test-results/.auth/outsider.json" });
  const page = await outsider.newPage();
  expect((await page.goto("/ship/deployments"))?.status()).toBe(404);
  await outsider.close();
});

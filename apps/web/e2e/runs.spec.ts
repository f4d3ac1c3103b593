import { mkdirSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { SEEDED_FAILED_TITLE, SEEDED_LOG_LINES, SEEDED_RUN_TITLE } from "./seed-runs";

const SHOTS = "test-results/screenshots";

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

test("the runs list shows the seeded runs, filters by status group in the URL, and links to a run", async ({
  page,
}) => {
  await page.goto("/acme/runs");
  const table = page.getByRole("region", { name: "Fix runs" });
  const row = table.getByRole("row").filter({ hasText: SEEDED_RUN_TITLE });
  await expect(row).toContainText("pr open");
  await expect(row).toContainText("Suture agent");
  await expect(row).toContainText("acme/shop");
  await expect(row).toContainText("fix/sentry-SHOP-41");
  await expect(row.getByRole("link", { name: "#42" })).toHaveAttribute("href", "https://github.com/acme/shop/pull/42");
  await expect(row.getByRole("link", { name: "SHOP-41", exact: true })).toHaveAttribute(
    "href",
    /^\/acme\/issues\/[0-9a-f-]{36}$/,
  );
  await shoot(page, "runs-list");

  await page.getByRole("navigation", { name: "Filter by status" }).getByRole("link", { name: "Failed" }).click();
  await expect(page).toHaveURL(/\/acme\/runs\?status=failed$/);
  await expect(table.getByRole("row").filter({ hasText: SEEDED_FAILED_TITLE })).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: SEEDED_RUN_TITLE })).toHaveCount(0);

  await page.goto("/acme/runs?status=finished");
  await expect(page.getByRole("heading", { name: "No runs in this group" })).toBeVisible();

  await page.goto("/acme/runs?status=pr_open");
  await page.getByRole("link", { name: SEEDED_RUN_TITLE }).click();
  await expect(page).toHaveURL(/\/acme\/runs\/[0-9a-f-]{36}$/);
});

test("a run's page shows its stages, the agent's log, the diff (unified and split), the checks and the PR", async ({
  page,
}) => {
  await page.goto("/acme/runs?status=pr_open");
  await page.getByRole("link", { name: SEEDED_RUN_TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(SEEDED_RUN_TITLE);

  const stages = page.getByRole("region", { name: "Stages" });
  await expect(stages.getByRole("listitem")).toHaveText([
    /Approved/,
    /Started/,
    /Agent/,
    /Checks/,
    /Tests/,
    /Pushed/,
    /Pull request/,
  ]);
  await expect(stages.locator("[data-state=done]")).toHaveCount(7);

  const log = page.getByTestId("agent-log");
  for (const line of SEEDED_LOG_LINES) await expect(log).toContainText(line);

  const diff = page.getByRole("region", { name: /The change/ });
  const files = diff.getByRole("navigation", { name: "Changed files" });
  await expect(files.getByRole("listitem")).toHaveCount(2);
  await expect(files.getByRole("listitem").first()).toContainText("src/cart.ts");
  await expect(files.getByRole("listitem").first()).toContainText("+2");
  await expect(files.getByRole("listitem").first()).toContainText("−1");
  await expect(files.getByRole("listitem").nth(1)).toContainText("test/cart.test.ts");
  await expect(diff.getByText("if (!items) return 0;").first()).toBeVisible();
  const toggle = diff.getByRole("group", { name: "Diff view" });
  await expect(toggle.getByRole("button", { name: "Unified" })).toHaveAttribute("aria-pressed", "true");
  await shoot(page, "run-page");

  await toggle.getByRole("button", { name: "Split" }).click();
  await expect(toggle.getByRole("button", { name: "Split" })).toHaveAttribute("aria-pressed", "true");
  // Split: the removed line and the added ones side by side, both still shown.
  await expect(
    diff.getByText("return items.reduce((sum, item) => sum + item.price * item.quantity, 0);"),
  ).toBeVisible();
  await expect(diff.getByText("if (!items) return 0;").first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/run-page-split-1440-light.png`, fullPage: true });

  const checks = page.getByRole("region", { name: "Checks" });
  await expect(checks).toContainText("a test was touched");
  await expect(checks.getByText("pnpm test")).toBeVisible();
  await checks.getByText("Test output").click();
  await expect(checks).toContainText("an undefined cart totals zero");

  const pr = page.getByRole("region", { name: "Pull request #42" });
  await expect(pr.getByRole("link", { name: "Pull request #42" })).toHaveAttribute(
    "href",
    "https://github.com/acme/shop/pull/42",
  );
  await expect(pr).toContainText("draft");
  await expect(pr).toContainText("checks: failure");
  const repair = page.getByRole("region", { name: "Repair the pull request" });
  await expect(repair).toContainText("Its checks failed or a reviewer requested changes.");
  await expect(repair.getByRole("button", { name: "Repair" })).toBeEnabled();
});

test("a failed run says why in plain words", async ({ page }) => {
  await page.goto("/acme/runs?status=failed");
  await page.getByRole("link", { name: SEEDED_FAILED_TITLE }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This run failed" })).toContainText(
    "The change touches no test",
  );
  await expect(page.getByRole("region", { name: "Checks" })).toContainText("refused");
  await shoot(page, "run-failed");
});

test("the log endpoint answers only members of the run's workspace", async ({ page, browser }) => {
  await page.goto("/acme/runs?status=pr_open");
  await page.getByRole("link", { name: SEEDED_RUN_TITLE }).click();
  await page.waitForURL(/\/acme\/runs\/[0-9a-f-]{36}$/);
  const runId = page.url().split("/").at(-1) ?? "";
  const answer = await page.request.get(`/api/workspaces/acme/runs/${runId}/log?after=0`);
  expect(answer.status()).toBe(200);
  const body = (await answer.json()) as { runStatus: string; lines: { text: string }[]; cursor: number };
  expect(body.runStatus).toBe("pr_open");
  expect(body.lines.map((line) => line.text.trim())).toEqual(SEEDED_LOG_LINES);
  const after = await page.request.get(`/api/workspaces/acme/runs/${runId}/log?after=${body.cursor}`);
  expect(((await after.json()) as { lines: unknown[] }).lines).toEqual([]);

  const outsider = await browser.newContext({ storageState: "test-results/.auth/outsider.json" });
  for (const path of [`/api/workspaces/acme/runs/${runId}/log`, `/api/workspaces/default/runs/${runId}/log`]) {
    expect((await outsider.request.get(path)).status(), path).toBe(404);
  }
  const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  expect((await anonymous.request.get(`/api/workspaces/acme/runs/${runId}/log`)).status()).toBe(401);
});

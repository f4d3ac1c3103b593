import { expect, test } from "@playwright/test";
import { fixtureBody, fixtures, resourceOf, signedHeaders } from "./sentry";

test("the first page lists the observations made from the fixtures", async ({ page, request }) => {
  for (const name of fixtures()) {
    const body = fixtureBody(name);
    const response = await request.post("/api/sentry/webhooks", {
      data: body,
      headers: signedHeaders(resourceOf(name), body),
    });
    expect(response.status(), name).toBeLessThan(300);
  }

  // Processing runs after the answer; the page shows each observation once it is made.
  await expect(async () => {
    await page.goto("/default");
    const observations = page.getByRole("region", { name: "Latest observations" });
    await expect(observations.getByRole("row")).toHaveCount(
      fixtures().filter((n) => !n.startsWith("installation.")).length + 1,
      { timeout: 1000 },
    );
  }).toPass({ timeout: 20_000 });

  const observations = page.getByRole("region", { name: "Latest observations" });
  await expect(observations.getByText("New issue: Exception: This is an example Python exception")).toBeVisible();
  await expect(observations.getByText("checkout-api@2.4.1").first()).toBeVisible();
  const deliveries = page.getByRole("region", { name: "Latest deliveries" });
  await expect(deliveries.getByText("processed").first()).toBeVisible();
  await expect(page.getByText("pending")).toHaveCount(0);
  // The fixtures hold two Seer runs (run ids 12345 and 12346): seven steps of the first became
  // one run at its latest stage, with its pull request.
  const runs = page.getByRole("region", { name: "Fix runs" });
  await expect(runs.getByRole("row")).toHaveCount(3);
  await expect(runs.getByText(/Seer/)).toHaveCount(2);
  await expect(runs.getByRole("link", { name: /#\d+|Pull request/ }).first()).toBeVisible();
  await page.screenshot({ path: "test-results/home.png", fullPage: true });
});

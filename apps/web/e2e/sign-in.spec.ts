import { expect, test } from "@playwright/test";
import { PASSWORD, USERS } from "./users";

test.use({ storageState: { cookies: [], origins: [] } });

test("sign in, see your workspace, sign out", async ({ page }) => {
  await page.goto("/acme/members");
  await expect(page).toHaveURL("/sign-in?next=%2Facme%2Fmembers");
  await page.screenshot({ path: "test-results/screens/sign-in-light.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "test-results/screens/sign-in-dark.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });

  await page.getByLabel("Email").fill(USERS.viewer.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("That email and password do not match.")).toBeVisible();

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Back where they were going: a viewer is not an admin, so the members page is not there for them.
  await expect(page).toHaveURL("/acme/members");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name.endsWith("session_token"))).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  await page.goto("/");
  await expect(page).toHaveURL(/\/acme\/issues$/);
  await expect(page.getByRole("combobox", { name: "Workspace" })).toHaveValue("acme");
  await expect(page.getByRole("link", { name: "Members" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL("/sign-in");
  await page.goto("/acme");
  await expect(page).toHaveURL("/sign-in?next=%2Facme");
});

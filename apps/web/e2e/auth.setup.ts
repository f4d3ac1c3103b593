import { expect, test as setup } from "@playwright/test";
import { PASSWORD, setupToken, signIn, USERS } from "./users";

// First run: the server booted on an empty database and wrote a one-time setup token. The
// admin it creates adds the other users on the Members page; every session is saved for the specs.
setup("the setup link creates the first admin once, who adds the others", async ({ page, browser }) => {
  const token = setupToken();
  await page.goto(`/setup?token=${token}`);
  await expect(page.getByRole("heading", { name: "Create the first admin" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/setup-light.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "test-results/screens/setup-dark.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
  await page.getByLabel("Email").fill(USERS.admin.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Password again").fill(PASSWORD);
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  // Signed in and sent on to the workspace: its Issues page (the overview on older builds).
  await page.waitForURL(/\/(default|acme)(\/issues)?$/);
  await page.context().storageState({ path: USERS.admin.state });

  // The link works once.
  const again = await browser.newPage();
  await again.goto(`/setup?token=${token}`);
  await expect(again.getByRole("heading", { name: "This setup link does not work" })).toBeVisible();
  await again.close();

  for (const user of [USERS.viewer, USERS.approver, USERS.approver2, USERS.outsider]) {
    await page.goto(`/${user.workspace}/members`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Role", { exact: true }).selectOption(user.role);
    await page.getByLabel(/First password/).fill(PASSWORD);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toContainText(`${user.email} is`);
  }
  // The admin of the default workspace is not a member of acme's runs through them: the outsider
  // belongs to default only.
  for (const user of [USERS.viewer, USERS.approver, USERS.approver2, USERS.outsider]) {
    const context = await browser.newContext();
    const userPage = await context.newPage();
    await signIn(userPage, user.email);
    await expect(userPage).toHaveURL(new RegExp(`/${user.workspace}(/issues)?$`));
    await context.storageState({ path: user.state });
    await context.close();
  }
});

import { readFileSync } from "node:fs";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { newAcmeRun, USERS } from "./users";

async function pageAs(browser: Browser, user: keyof typeof USERS): Promise<Page> {
  const context = await browser.newContext({ storageState: USERS[user].state });
  return context.newPage();
}

/** The id Next gave the decideFixRun server action in this build (what a forged POST would need). */
function decideActionId(): string {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  const manifest = JSON.parse(readFileSync(`${distDir}/server/server-reference-manifest.json`, "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const entry = Object.entries(manifest.node).find(
    ([, v]) => v.exportedName === "decideFixRun" || v.filename?.includes("runs/[id]/actions"),
  );
  if (!entry) throw new Error("decideFixRun is not in the server reference manifest");
  return entry[0];
}

test("a viewer sees no approve button, and a hand-made approve POST is refused and changes nothing", async ({
  browser,
  request,
}) => {
  const admin = await pageAs(browser, "admin");
  const runId = await newAcmeRun(request, admin);
  const viewer = await pageAs(browser, "viewer");
  await viewer.goto(`/acme/runs/${runId}`);
  await expect(viewer.getByTestId("run-status")).toHaveText("awaiting approval");
  await expect(viewer.getByText(/Waiting for an approver/)).toBeVisible();
  await expect(viewer.getByRole("button", { name: /Approve/ })).toHaveCount(0);

  const forged = await viewer.request.post(`/acme/runs/${runId}`, {
    headers: {
      "next-action": decideActionId(),
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      origin: new URL(viewer.url()).origin,
    },
    data: JSON.stringify([{ workspace: "acme", runId, decision: "approve" }]),
  });
  expect(forged.status()).toBe(200);
  expect(await forged.text()).toMatch(/"status":"forbidden"/);
  await viewer.reload();
  await expect(viewer.getByTestId("run-status")).toHaveText("awaiting approval");
  await expect(viewer.getByTestId("decided-by")).toHaveCount(0);
});

test("an approver approves a run awaiting approval; who and when are shown and its status moves on", async ({
  browser,
  request,
}) => {
  const approver = await pageAs(browser, "approver");
  const runId = await newAcmeRun(request, approver);
  await approver.goto(`/acme/runs/${runId}`);
  await expect(approver.getByTestId("run-status")).toHaveText("awaiting approval");
  // The stepper shows it waiting at its first stage, nothing passed.
  const stages = approver.getByRole("region", { name: "Stages" }).getByRole("listitem");
  await expect(stages.first()).toHaveAttribute("aria-current", "step");
  await expect(stages.first()).toContainText("Approved (in progress)");
  await expect(stages.filter({ hasText: "(done)" })).toHaveCount(0);
  await approver.screenshot({ path: "test-results/screens/run-before-light.png", fullPage: true });
  await approver.emulateMedia({ colorScheme: "dark" });
  await approver.screenshot({ path: "test-results/screens/run-before-dark.png", fullPage: true });
  await approver.emulateMedia({ colorScheme: "light" });

  await approver.getByRole("button", { name: "Approve & dispatch" }).click();
  await expect(approver.getByRole("group", { name: "Confirm" })).toContainText(
    "Dispatch the coding agent for this issue in acme/shop?",
  );
  await approver.getByRole("button", { name: "Confirm approve & dispatch" }).click();
  await expect(approver.getByRole("status").filter({ hasText: "Approved." })).toBeVisible();
  await expect(approver.getByTestId("decided-by")).toContainText(`by ${USERS.approver.email}`);
  // The dispatch picks it up (no agent or GitHub here, so it ends failed, with its reason).
  await expect(async () => {
    await approver.reload();
    await expect(approver.getByTestId("run-status")).not.toHaveText(/awaiting approval|^approved$/, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(approver.getByText(`Approved by ${USERS.approver.email}`)).toBeVisible();
  await approver.screenshot({ path: "test-results/screens/run-after-light.png", fullPage: true });
  await approver.emulateMedia({ colorScheme: "dark" });
  await approver.screenshot({ path: "test-results/screens/run-after-dark.png", fullPage: true });

  // The audit log shows the approval with the approver's email.
  const admin = await pageAs(browser, "admin");
  await admin.goto("/acme/audit");
  const row = admin.getByRole("row").filter({ hasText: runId });
  await expect(row).toContainText(USERS.approver.email);
  await expect(row).toContainText("approved a fix run");
  await admin.screenshot({ path: "test-results/screens/audit-light.png", fullPage: true });
});

test("two approvers racing: one wins, the other is shown the run's current state", async ({ browser, request }) => {
  const first = await pageAs(browser, "approver");
  const second = await pageAs(browser, "approver2");
  const runId = await newAcmeRun(request, first);
  for (const page of [first, second]) {
    await page.goto(`/acme/runs/${runId}`);
    await page.getByRole("button", { name: "Approve & dispatch" }).click();
  }
  await Promise.all(
    [first, second].map((page) => page.getByRole("button", { name: "Confirm approve & dispatch" }).click()),
  );
  const outcomes = await Promise.all(
    [first, second].map(async (page) => {
      const message = page
        .locator("[role=status], [role=alert]")
        .filter({ hasText: /Approved\.|Someone decided first/ });
      await expect(message).toBeVisible();
      return message.innerText();
    }),
  );
  expect(outcomes.filter((o) => o.startsWith("Approved."))).toHaveLength(1);
  expect(
    outcomes.filter((o) => /Someone decided first: this run is now (approved|running|failed)/.test(o)),
  ).toHaveLength(1);
  const loser = outcomes[0]!.startsWith("Approved.") ? second : first;
  await expect(loser.getByRole("button", { name: /Approve/ })).toHaveCount(0);
  await expect(loser.getByTestId("decided-by")).toBeVisible();
});

test("a member of another workspace asking for a run by id gets 404", async ({ browser, request }) => {
  const admin = await pageAs(browser, "admin");
  const runId = await newAcmeRun(request, admin);
  const outsider = await pageAs(browser, "outsider");
  for (const path of [`/acme/runs/${runId}`, `/default/runs/${runId}`, "/acme", "/acme/audit"]) {
    const response = await outsider.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(outsider.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(outsider.getByText("TypeError: cart total")).toHaveCount(0);
  }
  // Nor through the action, with a run id of acme under the workspace they belong to.
  const forged = await outsider.request.post(`/default/runs/${runId}`, {
    headers: {
      "next-action": decideActionId(),
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      origin: new URL(outsider.url()).origin,
    },
    data: JSON.stringify([{ workspace: "default", runId, decision: "approve" }]),
  });
  expect(await forged.text()).toMatch(/"status":"not_found"/);
  await admin.goto(`/acme/runs/${runId}`);
  await expect(admin.getByTestId("run-status")).toHaveText("awaiting approval");
});

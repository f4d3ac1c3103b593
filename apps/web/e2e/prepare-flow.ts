// Before the flow server starts (see e2e/sample-shop.ts): its `shop` workspace receives one Sentry
// installation's deliveries and has the sample app's repository connected for real — a bare git
// repository in its data folder, served by the GitHub double — with the code mappings of the app
// as deployed (/app/), as in packages/core/test/fix-pipeline.test.ts. The server clones it as its
// own user; when that is root (CI), the agent and the tests then run as `nobody` in the checkout.
// No users: flow.spec.ts makes them with the setup link.
import { connectRepository, routeSentryInstallation } from "@suture/core";
import { closeDb } from "@suture/core/database";
import { createSampleRepo, SAMPLE_APP } from "@suture/fixer/test-support";
import { sampleRepoRoot, SHOP_REPOSITORY, SHOP_WORKSPACE } from "./sample-shop";
import { SHOP_INSTALLATION } from "./users";

const dataDir = process.env.SUTURE_DATA_DIR;
if (!dataDir) throw new Error("SUTURE_DATA_DIR is set by playwright.config.ts");
const sample = await createSampleRepo(sampleRepoRoot(dataDir));
await routeSentryInstallation(SHOP_INSTALLATION, SHOP_WORKSPACE, { create: true });
const shop = await connectRepository({
  workspace: SHOP_WORKSPACE,
  repository: SHOP_REPOSITORY,
  cloneUrl: sample.cloneUrl,
  testCommand: SAMPLE_APP.testCommand,
  codeMappings: [{ stackRoot: "/app/", sourceRoot: "" }],
});
if (shop.status !== "connected") throw new Error(JSON.stringify(shop));
await closeDb();

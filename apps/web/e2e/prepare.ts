// Before the e2e server starts (the embedded database is one process's): a second workspace,
// `acme`, that receives one Sentry installation's deliveries and has a repository connected,
// so its new issues get fix runs awaiting approval, and two runs of Suture's agent (seed-runs.ts);
// `ship`, whose deployments the deployments spec reads (seed-deployments.ts).
// No users: the setup link makes the first.
import { connectRepository, routeSentryInstallation } from "@suture/core";
import { closeDb } from "@suture/core/database";
import { seedDeliveries } from "./seed-deliveries";
import { seedDeployments } from "./seed-deployments";
import { seedRuns } from "./seed-runs";
import { ACME_INSTALLATION } from "./users";

await routeSentryInstallation(ACME_INSTALLATION, "acme", { create: true });
const connected = await connectRepository({ workspace: "acme", repository: "acme/shop" });
if (connected.status !== "connected") throw new Error(JSON.stringify(connected));
await seedRuns();
await seedDeliveries();
await seedDeployments();
await closeDb();

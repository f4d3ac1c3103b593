// The flow server: a second `next start` of the same build, in a data folder of its own, whose fix
// runs go all the way to GitHub — its double (e2e/doubles.ts, started first) — with a scripted
// agent (flow.spec.ts). Its own server because with GITHUB_API_URL set to the double, PR links to
// github.com (the seeded runs', Seer's) are no longer on "the configured GitHub" and are not shown.
// Its `shop` workspace has the sample app's repository: a bare git repository in its data folder.
import { join } from "node:path";

export const SHOP_WORKSPACE = "shop";
/** The repository's name on the GitHub double. */
export const SHOP_REPOSITORY = "sample/shop";
export const GITHUB_TOKEN = "ghs_e2e_token_for_the_github_double";

/** From the e2e server's port (E2E_PORT): its executor has +1, the GitHub double +2, the flow server +3 and +4. */
export const flowPorts = (serverPort: number) => ({
  githubDouble: serverPort + 2,
  server: serverPort + 3,
  executor: serverPort + 4,
  worker: serverPort + 5,
});

/** The flow server's data folder, beside the e2e server's. */
export const flowDataDir = (dataDir: string): string => `${dataDir}-flow`;

/** Where createSampleRepo puts the sample app's repository: `<root>/sample-shop.git`. */
export const sampleRepoRoot = (flowData: string): string => join(flowData, "sample-repo");
export const sampleBareDir = (flowData: string): string => join(sampleRepoRoot(flowData), "sample-shop.git");

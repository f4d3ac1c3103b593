// The services the flow server talks to, as one long-lived process (playwright.config.ts starts it
// first and stops it last): GitHub's REST API, answered by its double, on a fixed port, holding
// the sample app's bare repository that e2e/prepare-flow.ts creates in the flow server's data
// folder (the double reads it only when asked, so it may appear after this starts).
import { startGithubDouble } from "@suture/github/test-support";
import { flowDataDir, flowPorts, sampleBareDir, SHOP_REPOSITORY } from "./sample-shop";

const port = flowPorts(Number(process.env.E2E_PORT ?? 3210)).githubDouble;
const dataDir = process.env.E2E_DATA_DIR;
if (!dataDir) throw new Error("E2E_DATA_DIR is set by playwright.config.ts");
const bareDir = sampleBareDir(flowDataDir(dataDir));

const github = await startGithubDouble({ port, repositories: { [SHOP_REPOSITORY]: bareDir } });
console.log(`[doubles] GitHub double on ${github.url}, ${SHOP_REPOSITORY} at ${bareDir}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    github.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

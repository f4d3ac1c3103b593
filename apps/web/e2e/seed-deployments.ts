// Seeds, before the e2e server starts, what the deployments spec reads: a workspace `ship` with
// its own installation and a repository whose code mapping points the Python fixture's frames at
// `src/`, and deployments of the fixture error's release (checkout-api@2.4.1) to production and
// staging, production's with the commits since 2.4.0 as GitHub would have listed them.
import { connectRepository, routeSentryInstallation } from "@suture/core";
import { type DeploymentCommit, getWorkspaceBySlug } from "@suture/db";
import { deployments } from "@suture/db/schema";
import { getDb } from "@suture/core/database";

export const SHIP_INSTALLATION = "0e2e0e2e-0000-4000-8000-0000000005a1";
export const SHIP_RELEASE = "checkout-api@2.4.1";
export const SHIP_SUSPECT = { sha: "5b1c0ffee0d4", title: "Raise when the example runs" };
export const SHIP_OTHER_COMMIT = "Update the readme";

const COMMITS: DeploymentCommit[] = [
  {
    sha: "5b1c0ffee0d4c0ffee0d4c0ffee0d4c0ffee0d4",
    message: `${SHIP_SUSPECT.title}\n\nThe example must fail loudly.`,
    author: "Ana Lima",
    url: "https://github.com/ship/checkout/commit/5b1c0ffee0d4c0ffee0d4c0ffee0d4c0ffee0d4",
    files: ["src/main.py", "tests/test_main.py"],
  },
  {
    sha: "7e3d00dd7e3d00dd7e3d00dd7e3d00dd7e3d00dd",
    message: SHIP_OTHER_COMMIT,
    author: "Bo Chen",
    url: "https://github.com/ship/checkout/commit/7e3d00dd7e3d00dd7e3d00dd7e3d00dd7e3d00dd",
    files: ["README.md"],
  },
];

export async function seedDeployments(): Promise<void> {
  await routeSentryInstallation(SHIP_INSTALLATION, "ship", { create: true });
  const connected = await connectRepository({
    workspace: "ship",
    repository: "ship/checkout",
    codeMappings: [{ stackRoot: "/Users/user/test/", sourceRoot: "src/" }],
  });
  if (connected.status !== "connected") throw new Error(JSON.stringify(connected));
  const db = await getDb();
  const workspace = await getWorkspaceBySlug(db, { slug: "ship" });
  if (!workspace) throw new Error("ship comes first");
  const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000);
  const base = { workspaceId: workspace.id, repository: "ship/checkout", source: "github" };
  const [previous] = await db
    .insert(deployments)
    .values({
      ...base,
      release: "checkout-api@2.4.0",
      environment: "production",
      commitSha: "a1b2c3d4e5f6",
      deployedAt: ago(50),
    })
    .returning({ id: deployments.id });
  await db.insert(deployments).values([
    {
      ...base,
      release: SHIP_RELEASE,
      environment: "production",
      commitSha: "5b1c0ffee0d4c0ffee0d4c0ffee0d4c0ffee0d4",
      url: "https://checkout.example.com",
      deployedAt: ago(3),
      previousDeploymentId: previous?.id,
      compareUrl: "https://github.com/ship/checkout/compare/a1b2c3d4e5f6...5b1c0ffee0d4",
      commits: COMMITS,
    },
    {
      ...base,
      release: SHIP_RELEASE,
      environment: "staging",
      source: "cli",
      commitSha: "5b1c0ffee0d4c0ffee0d4c0ffee0d4c0ffee0d4",
      deployedAt: ago(5),
    },
    {
      ...base,
      release: "checkout-api@2.4.2",
      environment: "staging",
      source: "api",
      status: "failure",
      commitSha: "9f9f9f9f9f9f",
      deployedAt: ago(1),
      commitsError: "the range has more than 250 commits",
    },
  ]);
}

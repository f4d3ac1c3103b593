import { afterAll, beforeAll, describe, expect, it } from "vitest";

if (process.env.SUTURE_TEST_DB === "postgres")
  process.env.SUTURE_AUTH_SECRET = "0123456789abcdef0123456789abcdef-test-secret";
const core = await import("@suture/core");
const { getDb, closeDb } = await import("@suture/core/database");
const db = await import("@suture/db");

type Scope = NonNullable<Awaited<ReturnType<typeof core.loadWorkspaceScope>>>;
let acme: Scope;
let other: Scope;

async function adminOf(workspace: string): Promise<Scope> {
  await db.ensureWorkspace(await getDb(), { slug: workspace });
  const added = await core.addUser(
    { email: `admin@${workspace}.test`, password: "correct horse battery", role: "admin", workspace },
    { userId: null, label: "cli:test" },
  );
  if (added.status !== "created") throw new Error(`no admin for ${workspace}: ${added.status}`);
  const scope = await core.loadWorkspaceScope(added.user, workspace);
  if (!scope) throw new Error(`no scope for ${workspace}`);
  return scope;
}

async function auditActions(scope: Scope): Promise<string[]> {
  const log = await core.getAuditLog(scope);
  return log.status === "ok" ? log.events.map((e) => e.action) : [];
}

function errorsOf(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.error?.issues.map((i) => i.message) ?? [];
}

beforeAll(async () => {
  acme = await adminOf("acme");
  other = await adminOf("other");
});
afterAll(() => closeDb());

const FORM = {
  id: "",
  repository: "acme/shop",
  cloneUrl: "",
  defaultBranch: "main",
  codeMappings: "/app/=src/\n\nwebpack:///./=web/",
  testCommand: "npm test",
};

describe("repositories in settings", () => {
  it("connects, updates and removes a repository, audit-logged, in its own workspace only", async () => {
    const added = await core.saveRepository(acme, core.repositoryFormInput.parse(FORM));
    if (added.status !== "saved") throw new Error(added.status);
    expect(added.repository).toMatchObject({
      owner: "acme",
      name: "shop",
      cloneUrl: "https://github.com/acme/shop.git",
      codeMappings: [
        { stackRoot: "/app/", sourceRoot: "src/" },
        { stackRoot: "webpack:///./", sourceRoot: "web/" },
      ],
    });
    const id = added.repository.id;
    const change = core.repositoryFormInput.parse({
      ...FORM,
      id,
      defaultBranch: "trunk",
      codeMappings: "",
      testCommand: "",
    });
    expect(await core.saveRepository(other, change)).toMatchObject({ status: "not_found" });
    const updated = await core.saveRepository(acme, change);
    expect(updated).toMatchObject({
      status: "saved",
      created: false,
      repository: { id, defaultBranch: "trunk", codeMappings: [], testCommand: null },
    });

    expect(await core.removeRepository(other, { id })).toMatchObject({ status: "not_found" });
    expect(await core.removeRepository({ ...acme, role: "approver" }, { id })).toMatchObject({ status: "forbidden" });
    expect(await core.removeRepository(acme, { id })).toMatchObject({ status: "removed" });
    expect(await db.listRepositories(await getDb(), { workspaceId: acme.workspaceId })).toEqual([]);
    expect(await auditActions(acme)).toEqual(
      expect.arrayContaining(["repository.connected", "repository.updated", "repository.removed"]),
    );
  });

  it("refuses a code mapping line without both sides, naming the line", () => {
    const parsed = core.repositoryFormInput.safeParse({ ...FORM, codeMappings: "/app/=src/\n/lib/" });
    expect(errorsOf(parsed)).toEqual(["code mappings line 2: write stackRoot=sourceRoot, e.g. /app/=src/"]);
    expect(errorsOf(core.repositoryFormInput.safeParse({ ...FORM, repository: "shop" }))).toEqual([
      'repository must be "owner/name"',
    ]);
  });
});

const POLICY = {
  mode: "auto",
  autoLevels: ["error", "fatal"],
  autoMinEvents: "3",
  autoMinUsers: "0",
  autoEnvironments: "production\nstaging",
  maxActiveRuns: "2",
  maxDispatchesPerHour: "5",
  maxDispatchesPerDay: "20",
  maxDiffFiles: "8",
  maxDiffLines: "300",
  pathDenylist: ".github/\n*.pem",
  requireRegressionTest: "on",
};

describe("the fix policy in settings", () => {
  it("says precisely what is wrong with a policy", () => {
    const bad = core.policyFormInput.safeParse({
      ...POLICY,
      mode: "sometimes",
      autoLevels: [],
      autoMinEvents: "-1",
      maxDiffFiles: "0",
      maxActiveRuns: "1.5",
      maxDispatchesPerHour: "abc",
    });
    expect(errorsOf(bad)).toEqual([
      "mode is manual or auto",
      "choose at least one level for auto mode",
      "minimum events must be at least 0",
      "max active runs must be a whole number",
      "dispatches per hour must be a number",
      "max diff files must be at least 1",
    ]);
    expect(errorsOf(core.policyFormInput.safeParse({ ...POLICY, maxDispatchesPerDay: "4" }))).toEqual([
      "dispatches per day cannot be fewer than dispatches per hour",
    ]);
  });

  it("saves the policy and audit-logs what changed", async () => {
    const saved = await core.saveFixPolicy(acme, core.policyFormInput.parse(POLICY));
    expect(saved).toMatchObject({
      status: "saved",
      policy: {
        mode: "auto",
        autoEnvironments: ["production", "staging"],
        pathDenylist: [".github/", "*.pem"],
        requireRegressionTest: true,
        dispatchViaSeer: false,
      },
    });
    const log = await core.getAuditLog(acme);
    const event = log.status === "ok" ? log.events.find((e) => e.action === "policy.changed") : undefined;
    expect(event?.data).toMatchObject({ mode: "auto", autoMinEvents: 3, pathDenylist: [".github/", "*.pem"] });
    expect(await core.saveFixPolicy({ ...acme, role: "viewer" }, core.policyFormInput.parse(POLICY))).toMatchObject({
      status: "forbidden",
    });
    expect((await db.getWorkspacePolicy(await getDb(), { workspaceId: other.workspaceId })).mode).toBe("manual");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Required with DATABASE_URL (the PostgreSQL project); the embedded one makes its own.
if (process.env.SUTURE_TEST_DB === "postgres")
  process.env.SUTURE_AUTH_SECRET = "0123456789abcdef0123456789abcdef-test-secret";
const core = await import("@suture/core");
const { closeDb, getDb } = await import("@suture/core/database");
const db = await import("@suture/db");

afterAll(() => closeDb());

const PASSWORD = "correct horse battery";

async function openRun(workspace: string, issue: string): Promise<string> {
  const handle = await getDb();
  const ws = await db.ensureWorkspace(handle, { slug: workspace });
  const issueId = await db.upsertSentryIssue(handle, {
    workspaceId: ws.id,
    sentryIssueId: issue,
    title: `Issue ${issue}`,
  });
  const run = await db.openFixRun(handle, { workspaceId: ws.id, sentryIssueId: issueId, status: "awaiting_approval" });
  return run!.id;
}

async function scopeOf(email: string, workspace: string) {
  const user = await db.findUserByEmail(await getDb(), { email });
  return core.loadWorkspaceScope({ id: user!.id, email: user!.email, name: user!.name }, workspace);
}

function signIn(email: string, password: string, ip = "203.0.113.7"): Promise<Response> {
  return core.handleAuthRequest(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", "x-forwarded-for": ip },
      body: JSON.stringify({ email, password }),
    }),
  );
}

describe("first run", () => {
  it("the setup token creates the first admin once, then stops working", async () => {
    await db.ensureWorkspace(await getDb(), { slug: "alpha" });
    const token = await core.prepareSetupLink();
    expect(token).toEqual(expect.any(String));
    expect(core.setupUrl(token!)).toMatch(/^http:\/\/localhost:\d+\/setup\?token=/);
    expect(await core.completeSetup({ token: "wrong", email: "root@example.com", password: PASSWORD })).toMatchObject({
      status: "invalid_token",
    });
    expect(await core.completeSetup({ token: token!, email: "root@example.com", password: "short" })).toMatchObject({
      status: "invalid",
    });
    expect(await core.setupTokenValid(token!)).toBe(true);
    const created = await core.completeSetup({ token: token!, email: "Root@Example.com", password: PASSWORD });
    expect(created).toMatchObject({
      status: "created",
      user: { email: "root@example.com" },
      memberships: [{ slug: "alpha", role: "admin" }],
    });
    expect(await core.setupTokenValid(token!)).toBe(false);
    expect(await core.completeSetup({ token: token!, email: "two@example.com", password: PASSWORD })).toMatchObject({
      status: "invalid_token",
    });
    expect(await core.prepareSetupLink()).toBeNull();
  }, 120_000);
});

// Password hashing (scrypt) is slow on purpose; on a busy machine these take seconds.
describe("sign-in and sessions", { timeout: 120_000 }, () => {
  it("signs in with email and password into an http-only session stored in the database", async () => {
    const response = await signIn("root@example.com", PASSWORD);
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/better-auth\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).not.toMatch(/Secure/i);
    const user = await core.getSessionUser(new Headers({ cookie: cookie.split(";")[0]! }));
    expect(user).toMatchObject({ email: "root@example.com" });
    const sessions = await (await getDb()).query.sessions.findMany();
    expect(sessions.length).toBeGreaterThan(0);
    expect(await core.getSessionUser(new Headers({ cookie: "better-auth.session_token=forged.value" }))).toBeNull();
  });

  it("marks the cookie Secure over HTTPS", async () => {
    const response = await core.handleAuthRequest(
      new Request("https://suture.example/api/auth/sign-in/email", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: "https://suture.example",
          "x-forwarded-for": "203.0.113.8",
          "x-forwarded-proto": "https",
        },
        body: JSON.stringify({ email: "root@example.com", password: PASSWORD }),
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/__Secure-better-auth\.session_token=.*Secure/i);
  });

  it("refuses a wrong password, and rate limits sign-in attempts", async () => {
    expect((await signIn("root@example.com", "not the password", "198.51.100.1")).status).toBe(401);
    const statuses: number[] = [];
    for (let i = 0; i < core.SIGN_IN_ATTEMPTS_PER_MINUTE + 2; i++)
      statuses.push((await signIn("root@example.com", "guess", "198.51.100.2")).status);
    expect(statuses.slice(0, core.SIGN_IN_ATTEMPTS_PER_MINUTE)).not.toContain(429);
    expect(statuses.at(-1)).toBe(429);
    // Another address is not held up.
    expect((await signIn("root@example.com", PASSWORD, "198.51.100.3")).status).toBe(200);
  });

  it("trusts a browser's request from the address it was sent to, and refuses another site's", async () => {
    const attempt = (origin: string) =>
      core.handleAuthRequest(
        new Request("http://localhost:3210/api/auth/sign-in/email", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            host: "127.0.0.1:3210",
            origin,
            "x-forwarded-for": "203.0.113.10",
            cookie: "a=b",
          },
          body: JSON.stringify({ email: "root@example.com", password: PASSWORD }),
        }),
      );
    expect((await attempt("http://127.0.0.1:3210")).status).toBe(200);
    expect((await attempt("https://evil.example")).status).toBe(403);
  });

  it("does not let anyone sign themselves up", async () => {
    const response = await core.handleAuthRequest(
      new Request("http://localhost:3000/api/auth/sign-up/email", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: "http://localhost:3000",
          "x-forwarded-for": "203.0.113.9",
        },
        body: JSON.stringify({ email: "intruder@example.com", password: PASSWORD, name: "x" }),
      }),
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await db.findUserByEmail(await getDb(), { email: "intruder@example.com" })).toBeUndefined();
  });
});

describe("roles and workspace isolation", { timeout: 120_000 }, () => {
  let runA: string;
  let runB: string;
  const cli = { userId: null, label: "cli:tester" };

  beforeAll(async () => {
    runA = await openRun("alpha", "7001");
    runB = await openRun("beta", "7002");
    expect(
      await core.addUser({ email: "vera@example.com", password: PASSWORD, role: "viewer", workspace: "alpha" }, cli),
    ).toMatchObject({ status: "created" });
    expect(
      await core.addUser({ email: "abe@example.com", password: PASSWORD, role: "approver", workspace: "alpha" }, cli),
    ).toMatchObject({ status: "created" });
    expect(
      await core.addUser({ email: "ben@example.com", password: PASSWORD, role: "approver", workspace: "alpha" }, cli),
    ).toMatchObject({ status: "created" });
    expect(
      await core.addUser({ email: "bea@example.com", password: PASSWORD, role: "approver", workspace: "beta" }, cli),
    ).toMatchObject({ status: "created" });
    // An existing user is added to another workspace; the password is not needed.
    expect(await core.addUser({ email: "vera@example.com", role: "approver", workspace: "beta" }, cli)).toMatchObject({
      status: "existing",
      memberships: [{ slug: "beta", role: "approver", previousRole: null }],
    });
    expect(
      await core.addUser({ email: "x@example.com", password: PASSWORD, role: "viewer", workspace: "nope" }, cli),
    ).toMatchObject({ status: "no_workspace" });
  });

  it("a user sees only the workspaces they are a member of", async () => {
    const user = await db.findUserByEmail(await getDb(), { email: "abe@example.com" });
    expect(
      (await core.listMyWorkspaces({ id: user!.id, email: user!.email, name: user!.name })).map((w) => w.slug),
    ).toEqual(["alpha"]);
    expect(await scopeOf("abe@example.com", "beta")).toBeNull();
    expect(await scopeOf("abe@example.com", "alpha")).toMatchObject({ slug: "alpha", role: "approver" });
  });

  it("another workspace's run is not found, by page or by decision, and is left alone", async () => {
    const bea = (await scopeOf("bea@example.com", "beta"))!;
    expect(await core.getFixRunPage(bea, runA)).toEqual({ status: "not_found" });
    expect(await core.getFixRunPage(bea, "not-a-uuid")).toEqual({ status: "not_found" });
    expect(await core.decideFixRunAsMember(bea, { runId: runA, decision: "approve" })).toMatchObject({
      status: "not_found",
    });
    const page = await core.getFixRunPage(bea, runB);
    expect(page).toMatchObject({ status: "found", canDecide: true, issue: { title: "Issue 7002" } });
    expect((await db.getFixRun(await getDb(), { id: runA }))!.status).toBe("awaiting_approval");
  });

  it("a viewer reads a run but cannot approve it", async () => {
    const vera = (await scopeOf("vera@example.com", "alpha"))!;
    expect(await core.getFixRunPage(vera, runA)).toMatchObject({ status: "found", canDecide: false });
    expect(await core.decideFixRunAsMember(vera, { runId: runA, decision: "approve" })).toMatchObject({
      status: "forbidden",
    });
    expect(await core.getAuditLog(vera)).toEqual({ status: "forbidden" });
    expect((await db.getFixRun(await getDb(), { id: runA }))!.status).toBe("awaiting_approval");
  });

  it("of two approvers racing, one approves and the other is told the run's current state", async () => {
    const abe = (await scopeOf("abe@example.com", "alpha"))!;
    const ben = (await scopeOf("ben@example.com", "alpha"))!;
    const results = await Promise.all([
      core.decideFixRunAsMember(abe, { runId: runA, decision: "approve" }),
      core.decideFixRunAsMember(ben, { runId: runA, decision: "approve" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["approved", "conflict"]);
    expect(results.find((r) => r.status === "conflict")).toMatchObject({ current: "approved" });
    const run = (await db.getFixRun(await getDb(), { id: runA }))!;
    const winner = results[0]?.status === "approved" ? abe : ben;
    expect(run).toMatchObject({ status: "approved", approvedBy: winner.user.email, approvedByUserId: winner.user.id });
  });

  it("the audit log records approvals, rejections and member changes with who did them", async () => {
    const bea = (await scopeOf("bea@example.com", "beta"))!;
    expect(await core.decideFixRunAsMember(bea, { runId: runB, decision: "reject", reason: "not ours" })).toMatchObject(
      { status: "rejected" },
    );
    const root = (await scopeOf("root@example.com", "alpha"))!;
    const alpha = await core.getAuditLog(root);
    expect(alpha.status).toBe("ok");
    const events = (alpha as { events: { action: string; actor: string; targetId: string }[] }).events;
    expect(events.find((e) => e.action === "fix_run.approved")).toMatchObject({
      targetId: runA,
      actor: expect.stringMatching(/^(abe|ben)@example\.com$/),
    });
    expect(
      events
        .filter((e) => e.action === "member.added")
        .map((e) => e.targetId)
        .sort(),
    ).toEqual(["abe@example.com", "ben@example.com", "root@example.com", "vera@example.com"]);
    expect(events.some((e) => e.targetId === runB)).toBe(false);
    // Members and roles are an admin's: root manages alpha; an approver gets nothing.
    expect(await core.saveMember(root, { email: "vera@example.com", role: "approver" })).toMatchObject({
      status: "saved",
      created: false,
    });
    expect(await core.saveMember(root, { email: "root@example.com", role: "viewer" })).toMatchObject({
      status: "last_admin",
    });
    expect(
      await core.saveMember((await scopeOf("abe@example.com", "alpha"))!, { email: "abe@example.com", role: "admin" }),
    ).toMatchObject({ status: "forbidden" });
    const after = (await core.getAuditLog(root)) as {
      events: { action: string; actor: string; data: Record<string, unknown> }[];
    };
    expect(after.events[0]).toMatchObject({
      action: "member.role_changed",
      actor: "root@example.com",
      data: { role: "approver", previousRole: "viewer" },
    });
  });
});

// The bubblewrap sandbox: what the agent and the tests can see, write and reach, and that the
// whole process tree ends with the run. Skipped only where bwrap cannot run at all; CI installs it.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  bwrapAvailable,
  cloneRepository,
  resolveSandboxUser,
  runAgent,
  runTestCommand,
  type SandboxUser,
} from "../src/index.ts";
import { bwrapCommand } from "../src/bwrap-command.ts";
import { createSampleRepo } from "../test-support/index.ts";
import { alive } from "./alive.ts";

const usable = bwrapAvailable().usable;
const checkout = () => mkdtempSync(join(tmpdir(), "suture-checkout-"));
const sh = (script: string, cwd = checkout(), timeoutMs = 10_000) =>
  runAgent({ command: "sh", args: ["-c", script], cwd, prompt: "p", timeoutMs, sandbox: "bwrap" });

/** Host pids of processes running `sleep <seconds>` inside some PID namespace other than ours. */
function sleepersInNamespaces(seconds: string): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        const nspid = /^NSpid:\s*(.*)$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? "";
        return cmdline[0]?.endsWith("sleep") && cmdline[1] === seconds && nspid.split(/\s+/).length > 1;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe.runIf(usable)("the bubblewrap sandbox", () => {
  it("ends a process that escaped with setsid when the run times out", async () => {
    const cwd = checkout();
    const seen: number[] = [];
    const watching = setInterval(() => seen.push(...sleepersInNamespaces("317")), 50);
    const result = await sh("setsid sleep 317 </dev/null >/dev/null 2>&1 & echo $! > escapee.pid; sleep 300", cwd, 800);
    clearInterval(watching);
    expect(result.timedOut).toBe(true);
    expect(Number(readFileSync(join(cwd, "escapee.pid"), "utf8"))).toBeGreaterThan(0);
    const escapees = [...new Set(seen)];
    expect(escapees.length).toBe(1); // it did run, in the sandbox's PID namespace
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(escapees.filter(alive)).toEqual([]);
    expect(sleepersInNamespaces("317")).toEqual([]);
  });

  it("ends whatever the process left behind when it exits on its own", async () => {
    const result = await sh("setsid sleep 318 </dev/null >/dev/null 2>&1 & echo done");
    expect(result).toMatchObject({ exitCode: 0, output: "done\n" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sleepersInNamespaces("318")).toEqual([]);
  });

  it("gives the repository's tests no network, and the agent the host's", async () => {
    const server = createServer((socket) => socket.end("hello\n"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const connect = `node -e "require('net').connect(${port}, '127.0.0.1').on('data', (d) => { process.stdout.write(String(d)); process.exit(0) }).on('error', (e) => { console.log(e.code); process.exit(1) })"`;
    try {
      const tests = await runTestCommand({ command: connect, cwd: checkout(), timeoutMs: 10_000, sandbox: "bwrap" });
      expect(tests).toMatchObject({ exitCode: 1, output: "ECONNREFUSED\n" });
      const interfaces = "echo $(tail -n +3 /proc/net/dev | cut -d: -f1)";
      const own = await runTestCommand({ command: interfaces, cwd: checkout(), timeoutMs: 10_000, sandbox: "bwrap" });
      expect(own.output.trim()).toBe("lo");
      const agent = await sh(connect);
      expect(agent).toMatchObject({ exitCode: 0, output: "hello\n" });
    } finally {
      server.close();
    }
  });

  it("shows no other process, so not the server's environment either", async () => {
    process.env.SUTURE_SANDBOX_TEST_SECRET = "ghs_must_stay_hidden";
    const result = await sh(
      `ls /proc | grep -c '^[0-9]'; cat /proc/${process.pid}/environ /proc/*/environ 2>/dev/null | tr '\\0' '\\n' | grep -c ghs_must_stay_hidden`,
    );
    delete process.env.SUTURE_SANDBOX_TEST_SECRET;
    const [processes, leaks] = result.output.trim().split("\n").map(Number);
    expect(processes).toBeLessThan(8); // bwrap's init, sh, and what it runs
    expect(leaks).toBe(0);
  });

  it("lets it write the checkout only: the system is read-only, /tmp and HOME are its own", async () => {
    const hostFile = join(tmpdir(), `suture-host-${process.pid}`);
    writeFileSync(hostFile, "host");
    const cwd = checkout();
    const result = await sh(
      [
        "touch edited && echo checkout-ok",
        "touch /usr/suture-x 2>/dev/null || echo usr-read-only",
        "touch /etc/suture-x 2>/dev/null || echo etc-read-only",
        `test -e ${hostFile} || echo host-tmp-hidden`,
        "touch /tmp/mine && echo tmp-ok",
        'ls -A "$HOME"',
        'test "$HOME" != /root && echo own-home',
      ].join("; "),
      cwd,
    );
    expect(result.output.split("\n")).toEqual([
      "checkout-ok",
      "usr-read-only",
      "etc-read-only",
      "host-tmp-hidden",
      "tmp-ok",
      "prompt.md",
      "own-home",
      "",
    ]);
    expect(existsSync(join(cwd, "edited"))).toBe(true);
    expect(existsSync(join(tmpdir(), "mine"))).toBe(false);
  });

  it("hides the data folder, even inside a folder it must see", async () => {
    // The agent's own installation is mounted read-only; a data folder inside it stays hidden.
    const install = mkdtempSync(join(tmpdir(), "suture-install-"));
    const data = join(install, "data");
    mkdirSync(data);
    writeFileSync(join(data, "secret.txt"), "the data folder");
    const agent = join(install, "agent.sh");
    writeFileSync(
      agent,
      `#!/bin/sh\ncat ${join(data, "secret.txt")} 2>&1 || true\nls -A ${data}\ntouch ${install}/x 2>/dev/null || echo read-only\n`,
      {
        mode: 0o755,
      },
    );
    const result = await runAgent({
      command: agent,
      cwd: checkout(),
      prompt: "p",
      timeoutMs: 10_000,
      sandbox: "bwrap",
      hide: [data],
    });
    expect(result.exitCode).toBe(0);
    expect(result.output).not.toContain("the data folder");
    expect(result.output).toMatch(/No such file or directory\nread-only\n$/);
  });

  it("never hides the checkout or the home, whatever folder is named", async () => {
    const cwd = checkout();
    const result = await runAgent({
      command: "sh",
      args: ["-c", "touch edited && echo ok"],
      cwd,
      prompt: "p",
      timeoutMs: 10_000,
      sandbox: "bwrap",
      hide: [tmpdir(), cwd],
    });
    expect(result).toMatchObject({ exitCode: 0, output: "ok\n" });
    expect(existsSync(join(cwd, "edited"))).toBe(true);
  });

  it("reports a missing agent like the uid sandbox does", async () => {
    const result = await runAgent({
      command: "suture-no-such-agent",
      cwd: checkout(),
      prompt: "p",
      timeoutMs: 10_000,
      sandbox: "bwrap",
    });
    expect(result.error).toBe('agent executable "suture-no-such-agent" not found on PATH');
  });
});

describe.runIf(usable && process.getuid?.() === 0)("the bubblewrap sandbox as another user", () => {
  const nobody = resolveSandboxUser("nobody") as SandboxUser;
  let cleanup: (() => Promise<void>) | undefined;
  afterAll(async () => cleanup?.());

  it("runs the agent and the tests as that user in a checkout from cloneRepository", async () => {
    expect(bwrapAvailable(nobody)).toMatchObject({ usable: true });
    const repo = await createSampleRepo();
    cleanup = () => repo.cleanup();
    const clone = await cloneRepository({ cloneUrl: repo.cloneUrl, defaultBranch: "main" });
    if (clone.status !== "cloned") throw new Error(clone.error);
    const agent = await runAgent({
      command: "sh",
      args: ["-c", "id -u; touch fixed && echo wrote"],
      cwd: clone.dir,
      prompt: "p",
      timeoutMs: 10_000,
      runAs: nobody,
      sandbox: "bwrap",
    });
    expect(agent).toMatchObject({ exitCode: 0, output: `${nobody.uid}\nwrote\n` });
    const tests = await runTestCommand({
      command: "node --test",
      cwd: clone.dir,
      timeoutMs: 30_000,
      runAs: nobody,
      sandbox: "bwrap",
    });
    expect(tests).toMatchObject({ exitCode: 0, timedOut: false });
  });
});

// Where the kernel allows no unprivileged user namespace, root runs bwrap without one and
// setpriv switches to the sandbox user inside. Checked here whichever way this machine goes.
describe.runIf(usable && process.getuid?.() === 0)("bubblewrap as root, switching users with setpriv", () => {
  it("runs as the sandbox user with no capability, in its own PID namespace, without network", () => {
    const nobody = resolveSandboxUser("nobody") as SandboxUser;
    const cwd = checkout();
    chmodSync(cwd, 0o777);
    const home = mkdtempSync(join(tmpdir(), "suture-home-"));
    const script =
      "id -u; grep CapEff /proc/self/status; ls /proc | grep -c '^[0-9]'; " +
      "echo $(tail -n +3 /proc/net/dev | cut -d: -f1); touch x && echo wrote";
    const line = bwrapCommand({
      command: "sh",
      args: ["-c", script],
      cwd,
      home,
      path: "/usr/bin:/bin",
      network: false,
      switchUser: nobody,
    });
    if ("code" in line) throw new Error(line.code);
    expect(line.args).not.toContain("--unshare-all");
    const output = execFileSync(line.command, line.args, { encoding: "utf8" }).split("\n");
    expect(output[0]).toBe(String(nobody.uid));
    expect(output[1]).toMatch(/^CapEff:\s+0+$/);
    expect(Number(output[2])).toBeLessThan(6);
    expect(output[3]?.trim()).toBe("lo"); // its own network namespace: a loopback interface only
    expect(output[4]).toBe("wrote");
  });
});

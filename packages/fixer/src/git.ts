import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, resolve } from "node:path";
import { parentEnv } from "./env.ts";
import { sandboxEnv } from "./sandbox-env.ts";

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

export interface GitOptions {
  cwd: string;
  /** Sent as a Basic auth header, only to `remoteUrl` and only if it is https. */
  token?: string;
  remoteUrl?: string;
  env?: Record<string, string>;
}

// A checkout's .git is writable by the agent that worked in it, so nothing there may run code:
// no hooks, no fsmonitor, no attributes file outside the checkout. file:// remotes stay usable
// (tests, local mirrors); ext:: never is.
// safe.directory=*: a checkout belongs to the sandbox user on purpose, and git would refuse to
// work in it for anyone else. Ownership tells us nothing here anyway — the repository is always
// the one in `cwd`, and GIT_CEILING_DIRECTORIES stops git from looking for one above it.
const HARDENING = [
  "-c",
  "core.hooksPath=/dev/null",
  "-c",
  "core.fsmonitor=false",
  "-c",
  "core.attributesFile=/dev/null",
  "-c",
  "safe.directory=*",
  "-c",
  "protocol.file.allow=always",
  "-c",
  "protocol.ext.allow=never",
];

// Git gets no secret either, and no user or system config that could redirect or rewrite it.
const PASS_THROUGH = [
  "HTTPS_PROXY",
  "https_proxy",
  "HTTP_PROXY",
  "http_proxy",
  "NO_PROXY",
  "no_proxy",
  "GIT_SSL_CAINFO",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
];
// Replace refs live in the agent-writable .git and would let it swap the base commit we diff against.
const ISOLATION = {
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_TERMINAL_PROMPT: "0",
  GIT_NO_REPLACE_OBJECTS: "1",
  TMPDIR: tmpdir(),
};

/** Runs git; failures come back as data with git's stderr, the token redacted from everything. */
export function git(args: readonly string[], options: GitOptions): Promise<GitResult> {
  // A home that cannot exist, so no per-user file (ignore rules, credentials) is ever read.
  const ceiling = { GIT_CEILING_DIRECTORIES: dirname(resolve(options.cwd)) };
  const env = {
    ...sandboxEnv(parentEnv(), "/nonexistent", PASS_THROUGH, { ...ISOLATION, ...ceiling }),
    ...authConfig(options),
    ...options.env,
  };
  return new Promise((resolve) => {
    execFile(
      "git",
      [...HARDENING, ...args],
      // The cast: Next's types make NODE_ENV a required variable; this environment has none on purpose.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
      { cwd: options.cwd, env: env as NodeJS.ProcessEnv, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const clean = (text: string) => redact(text, options.token);
        resolve({ ok: !error, stdout: clean(stdout), stderr: clean(stderr || (error?.message ?? "")).trim() });
      },
    );
  });
}

/**
 * The token travels as command-scoped config in the environment: not in the URL (it would be
 * saved in .git/config and echoed in errors) and not in argv (readable by every local user).
 * Scoped to the remote's origin so a redirect elsewhere never receives it.
 */
function authConfig({ token, remoteUrl }: GitOptions): Record<string, string> {
  if (!token || !remoteUrl?.startsWith("https://")) return {};
  return {
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: `http.${new URL(remoteUrl).origin}/.extraHeader`,
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basicAuth(token)}`,
  };
}

function basicAuth(token: string): string {
  return Buffer.from(`x-access-token:${token}`).toString("base64");
}

/** Removes the token, and the header made from it, from text meant for people. */
export function redact(text: string, token: string | undefined): string {
  if (!token) return text;
  return text.replaceAll(basicAuth(token), "[redacted]").replaceAll(token, "[redacted]");
}

/** Branch and tag names, or commit ids; nothing git would read as an option or a refspec. */
export function isSafeRef(ref: string): boolean {
  return (
    /^\w[\w./+@,=-]*$/.test(ref) &&
    !ref.includes("..") &&
    !ref.endsWith(".lock") &&
    !ref.endsWith("/") &&
    !ref.endsWith(".")
  );
}

/** A full object id (SHA-1 or SHA-256), which git can never read as an option or a range. */
export function isObjectId(text: string): boolean {
  return /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(text);
}

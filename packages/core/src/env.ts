import { createEnv } from "@t3-oss/env-core";
import { AUTOFIX_STOPPING_POINTS } from "@suture/sentry";
import { z } from "zod";

/** "1"/"true" or "0"/"false"; unset stays undefined so a default can depend on the mode. */
const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === "1" || v === "true"));

export const env = createEnv({
  server: {
    /** Comma-separated: every secret is tried, so a rotation needs no downtime. */
    SENTRY_CLIENT_SECRET: z.string().optional(),
    /** Route deliveries of unknown installations to the `default` workspace (default: on for PGlite, off on PostgreSQL). */
    SUTURE_AUTO_ROUTE: flag,
    /**
     * Deliveries stored per second above which announcing them waits until the burst passes, so
     * processing leaves the CPU to the acknowledgements (0: never). Default 300 on the embedded
     * executor, whose worker shares the machine; 0 with Inngest Cloud or a self-hosted Inngest.
     */
    SUTURE_INGEST_BURST_RATE: z.coerce.number().int().min(0).optional(),
    /** A delivery still pending this long is re-announced by the sweeper. */
    SUTURE_SWEEP_AFTER_SECONDS: z.coerce.number().int().min(0).default(60),
    /** Port of the embedded Inngest executor (only used when no Inngest is configured). */
    SUTURE_EXECUTOR_PORT: z.coerce.number().int().min(0).max(65535).default(8288),
    /**
     * Where Inngest reaches /api/inngest: the URL the app registers (never a request's Host) and
     * the embedded executor calls; default http://127.0.0.1:$PORT.
     */
    SUTURE_SERVE_ORIGIN: z.string().url().optional(),
    /**
     * Where the Inngest functions are served: `worker` (apps/worker, its own process; what
     * `pnpm start` runs) or `web` (the web server's /api/inngest, one process). Default `web`, so
     * a bare `next start` still does everything.
     */
    SUTURE_FUNCTIONS: z.enum(["web", "worker"]).default("web"),
    /** Bearer token for /api/metrics (and the worker's /metrics); unset, metrics are off. 16+ characters. */
    SUTURE_METRICS_TOKEN: z.string().min(16).optional(),
    /** Address the worker listens on; 0.0.0.0 when Inngest Cloud or another machine must reach it. */
    SUTURE_WORKER_HOST: z.string().min(1).default("127.0.0.1"),
    /** Set by `pnpm start`'s supervisor for its children (and itself): which process this is. */
    SUTURE_PROCESS: z.enum(["web", "worker", "supervisor"]).optional(),
    /** Set by `pnpm start`'s supervisor: this process runs under it. */
    SUTURE_SUPERVISED: flag,
    /** Log lines: `json` (default in production or when not on a terminal) or `pretty`. */
    SUTURE_LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    NODE_ENV: z.string().optional(),
    /** Port of the worker's HTTP server (its /api/inngest, /health and /metrics). */
    SUTURE_WORKER_PORT: z.coerce.number().int().min(1).max(65535).default(8289),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** GitHub: a token with contents + pull requests write, or a GitHub App (id, private key, installation). */
    GITHUB_TOKEN: z.string().optional(),
    GITHUB_APP_ID: z.string().optional(),
    GITHUB_APP_PRIVATE_KEY: z.string().optional(),
    GITHUB_APP_INSTALLATION_ID: z.string().optional(),
    /** REST base URL: GitHub Enterprise Server (https://ghe.example.com/api/v3) or a test double. */
    GITHUB_API_URL: z.string().url().optional(),
    GITHUB_WEBHOOK_SECRET: z.string().optional(),
    /** Sentry REST API: event fetch, resolve on merge, issue links, Seer. */
    SENTRY_AUTH_TOKEN: z.string().optional(),
    SENTRY_ORG: z.string().optional(),
    SENTRY_URL: z.string().url().default("https://sentry.io"),
    /**
     * How far Seer goes on a run Suture hands it (the policy's "dispatch via Seer"): `open_pr`
     * (default; the run follows Seer's PR like its own), `code_changes`, `solution` or `root_cause`.
     */
    SUTURE_SEER_STOPPING_POINT: z.enum(AUTOFIX_STOPPING_POINTS).default("open_pr"),
    /** Resolve the Sentry issue (in the next release) when its fix PR is merged. */
    SUTURE_RESOLVE_ON_MERGE: flag,
    /** The coding agent: claude-code, codex, opencode, or command (then SUTURE_AGENT_COMMAND). */
    SUTURE_AGENT: z.enum(["claude-code", "codex", "opencode", "command"]).default("claude-code"),
    SUTURE_AGENT_COMMAND: z.string().optional(),
    /** The model the preset asks for, in the agent's notation (`provider/model` for opencode); else the agent's default. */
    SUTURE_AGENT_MODEL: z.string().optional(),
    /**
     * More environment variable names the agent may read, comma-separated: the key of the provider
     * an opencode configuration uses (OPENROUTER_API_KEY), or OPENCODE_CONFIG's file.
     */
    SUTURE_AGENT_ENV: z
      .string()
      .optional()
      .transform((names) =>
        (names ?? "")
          .split(",")
          .map((name) => name.trim())
          .filter(Boolean),
      ),
    /**
     * The OS user the agent and the repository's tests run as. Default: `nobody` when Suture runs
     * as root; otherwise Suture's own user. `same` forces Suture's own user.
     */
    SUTURE_SANDBOX_USER: z.string().min(1).optional(),
    /**
     * How the agent and the tests are confined: `bwrap` (bubblewrap's namespaces: the system
     * read-only, only the checkout writable, no data folder, no other process, no network for the
     * tests), `uid` (another OS user and a process group only), or `auto` (default: bwrap when it
     * can make its namespaces here, else uid).
     */
    SUTURE_SANDBOX: z.enum(["auto", "bwrap", "uid"]).default("auto"),
    SUTURE_AGENT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(1200),
    SUTURE_TEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(600),
    /** A Slack incoming-webhook URL told about each draft PR. */
    SLACK_WEBHOOK_URL: z.string().url().optional(),
    /** Where people reach this Suture (links in PR bodies and Slack). */
    SUTURE_PUBLIC_URL: z.string().url().optional(),
    /** Signs sessions. Generated into the data folder on the embedded defaults; required with DATABASE_URL. */
    SUTURE_AUTH_SECRET: z.string().min(32).optional(),
    /**
     * Seals the Sentry tokens and client secrets stored per installation (HKDF-SHA256 of it,
     * AES-256-GCM). Default: derived from the auth secret. 32 characters or more.
     */
    SUTURE_ENCRYPTION_KEY: z.string().min(32).optional(),
    /** When the recovery sync reads Sentry's issue list: a cron expression, or `off`. */
    SUTURE_SENTRY_SYNC_CRON: z
      .string()
      .trim()
      .regex(/^(off|\S+( \S+){4})$/i, "a cron expression of five fields (e.g. */5 * * * *), or off")
      .default("*/5 * * * *"),
    /** GitHub sign-in (an OAuth app's client id and secret); off unless both are set. */
    GITHUB_OAUTH_CLIENT_ID: z.string().optional(),
    GITHUB_OAUTH_CLIENT_SECRET: z.string().optional(),
    INNGEST_DEV: z.string().optional(),
    INNGEST_EVENT_KEY: z.string().optional(),
    INNGEST_SIGNING_KEY: z.string().optional(),
    /** A self-hosted Inngest server (`inngest start`); read by the SDK itself. */
    INNGEST_BASE_URL: z.string().url().optional(),
    /** Read by the Inngest SDK itself; here only to tell whether the registered URL is fixed. */
    INNGEST_SERVE_ORIGIN: z.string().optional(),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { installationSummaries, type InstallationSummary, recordAudit, setInstallationCredentials } from "@suture/core";
import { closeDb } from "@suture/core/database";
import { cliActor } from "../cli-actor.ts";
import { UsageError } from "./send.ts";

export const SENTRY_INSTALLATION_USAGE = `suture sentry-installation set <uuid> [--token T|-] [--client-secret S|-] [--org slug] [--clear-token] [--clear-client-secret]
suture sentry-installation list

Several Sentry organizations: each installation (internal integration) keeps its own API token
and client secret, encrypted at rest; every Sentry call about its issues uses them. Without
them, SENTRY_AUTH_TOKEN / SENTRY_ORG / SENTRY_CLIENT_SECRET apply. \`-\` reads the value from
stdin (one of them), so it stays out of the process list and the shell history. \`list\` shows
which installation has what: never a secret, at most a token's last 4 characters.`;

export async function sentryInstallation(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === "set") return await set(rest);
    if (sub === "list") return await list();
    throw new UsageError(sub ? `unknown subcommand "${sub}"` : "say set or list");
  } finally {
    await closeDb();
  }
}

async function set(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      token: { type: "string" },
      "client-secret": { type: "string" },
      org: { type: "string" },
      "clear-token": { type: "boolean", default: false },
      "clear-client-secret": { type: "boolean", default: false },
    },
  });
  const [uuid] = positionals;
  if (!uuid) throw new UsageError("name the installation's uuid");
  if (values.token === "-" && values["client-secret"] === "-")
    throw new UsageError("only one value can come from stdin");
  const fromStdin = (value: string | undefined) => (value === "-" ? readFileSync(0, "utf8").trim() : value);
  const result = await setInstallationCredentials({
    uuid,
    token: values["clear-token"] ? null : fromStdin(values.token),
    clientSecret: values["clear-client-secret"] ? null : fromStdin(values["client-secret"]),
    org: values.org,
  });
  if (result.status === "invalid") {
    console.error(`suture sentry-installation: ${result.error}`);
    return 1;
  }
  const summary = (await installationSummaries()).find((s) => s.uuid === result.uuid);
  if (summary?.workspaceSlug) {
    await recordAudit(
      {
        workspace: summary.workspaceSlug,
        action: "installation.credentials_set",
        targetType: "sentry_installation",
        targetId: result.uuid,
        data: { changed: result.changed },
      },
      cliActor(),
    );
  }
  console.log(`saved ${result.changed.join(", ")} for ${result.uuid}`);
  if (summary) console.log(describe(summary));
  return 0;
}

async function list(): Promise<number> {
  const summaries = await installationSummaries();
  if (summaries.length === 0) console.log("no Sentry installation is known yet");
  for (const summary of summaries) console.log(describe(summary));
  return 0;
}

function describe(s: InstallationSummary): string {
  const token = !s.token
    ? "no token"
    : "hint" in s.token
      ? `token ${s.token.hint}`
      : `token unreadable: ${s.token.unreadable}`;
  return [
    s.uuid,
    `org ${s.org ?? "?"}`,
    `workspace ${s.workspaceSlug ?? "(unrouted)"}`,
    token,
    s.clientSecret ? "client secret set" : "no client secret",
    `calls with ${s.calls}`,
    ...(s.status === "deleted" ? ["uninstalled"] : []),
  ].join("  ");
}

import { parseArgs } from "node:util";
import { recordAudit, routeSentryInstallation } from "@suture/core";
import { closeDb } from "@suture/core/database";
import { cliActor } from "../cli-actor.ts";
import { UsageError } from "./send.ts";

export const ROUTE_USAGE = `suture route <installation-uuid> <workspace-slug> [--create]

Maps a Sentry installation to a workspace and re-processes its unrouted deliveries. Opens the
database directly: on the embedded PGlite database, stop the server first.`;

export async function route(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { create: { type: "boolean", default: false } },
  });
  const [installationUuid, workspaceSlug] = positionals;
  if (!installationUuid || !workspaceSlug) throw new UsageError("name an installation uuid and a workspace slug");
  try {
    const result = await routeSentryInstallation(installationUuid, workspaceSlug, { create: values.create });
    if (result.status === "no_workspace") {
      console.error(`suture route: ${result.error} (pass --create to make it)`);
      return 1;
    }
    await recordAudit(
      {
        workspace: workspaceSlug,
        action: "installation.mapped",
        targetType: "sentry_installation",
        targetId: installationUuid,
        data: { replayed: result.requeued },
      },
      cliActor(),
    );
    console.log(`routed ${installationUuid} → ${workspaceSlug}; ${result.requeued} unrouted deliveries queued again`);
    return 0;
  } finally {
    await closeDb();
  }
}

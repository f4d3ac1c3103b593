import { parseArgs } from "node:util";
import { connectRepository, recordAudit } from "@suture/core";
import { closeDb } from "@suture/core/database";
import { cliActor } from "../cli-actor.ts";
import { UsageError } from "./send.ts";

export const REPO_USAGE = `suture repo add <workspace> <owner/name> [--clone-url URL] [--branch main] [--test "pnpm test"] [--map STACK_ROOT=SOURCE_ROOT ...]

Connects a GitHub repository to a workspace so its issues can get fix runs. --map says where
stack-frame paths live in the repository (e.g. --map /app/=  or  --map webpack:///./=web/,
or with an empty stack root for JVM package paths: --map =app/src/main/java/);
without it, frames are matched to files by their path suffix. Opens the database
directly: on the embedded PGlite database, stop the server first.`;

export async function repo(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "clone-url": { type: "string" },
      branch: { type: "string" },
      test: { type: "string" },
      map: { type: "string", multiple: true },
    },
  });
  const [verb, workspace, repository] = positionals;
  if (verb !== "add" || !workspace || !repository) throw new UsageError("say add, a workspace slug and owner/name");
  try {
    const result = await connectRepository({
      workspace,
      repository,
      cloneUrl: values["clone-url"],
      defaultBranch: values.branch,
      testCommand: values.test,
      codeMappings: (values.map ?? []).map(parseCodeMapping),
    });
    if (result.status === "invalid") {
      console.error(`suture repo add: ${result.error}`);
      return 1;
    }
    const name = `${result.repository.owner}/${result.repository.name}`;
    await recordAudit(
      {
        workspace,
        action: "repository.connected",
        targetType: "repository",
        targetId: name,
        data: { testCommand: result.repository.testCommand },
      },
      cliActor(),
    );
    console.log(`connected ${name} to ${workspace}`);
    return 0;
  } finally {
    await closeDb();
  }
}

export function parseCodeMapping(text: string): { stackRoot: string; sourceRoot: string } {
  // Either side may be empty (`/app/=`, `=src/main/java/`), not both.
  const at = text.lastIndexOf("=");
  if (at < 0 || text.trim() === "=") throw new UsageError(`--map takes STACK_ROOT=SOURCE_ROOT, got "${text}"`);
  return { stackRoot: text.slice(0, at), sourceRoot: text.slice(at + 1) };
}

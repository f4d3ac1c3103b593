import { parseArgs } from "node:util";
import { addUser } from "@suture/core";
import { closeDb } from "@suture/core/database";
import { cliActor } from "../cli-actor.ts";
import { UsageError } from "./send.ts";

export const USER_USAGE = `suture user create --email EMAIL --password PASSWORD --role admin|approver|viewer [--workspace SLUG] [--name NAME]

Creates a user who signs in with this email and password, as a member of the workspace (without
--workspace: of every workspace, or of a new \`default\` one when there is none). When the email
already has a user, adds them to the workspace(s) with the role, or changes their role; the
password is then left as it is. Recorded in the audit log as cli:<os user>. Opens the database
directly: on the embedded PGlite database, stop the server first; on PostgreSQL there is no need.`;

export async function user(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      role: { type: "string" },
      workspace: { type: "string" },
      name: { type: "string" },
    },
  });
  if (positionals[0] !== "create" || positionals.length > 1) throw new UsageError("say create");
  if (!values.email || !values.role) throw new UsageError("give --email and --role");
  try {
    const result = await addUser(
      {
        email: values.email,
        password: values.password,
        role: values.role as "admin",
        workspace: values.workspace,
        name: values.name,
      },
      cliActor(),
    );
    if (result.status === "invalid" || result.status === "no_workspace") {
      console.error(`suture user create: ${result.error}`);
      return 1;
    }
    const where = result.memberships
      .map((m) => `${m.slug} (${m.previousRole && m.previousRole !== m.role ? `${m.previousRole} → ` : ""}${m.role})`)
      .join(", ");
    console.log(
      result.status === "created"
        ? `created ${result.user.email}, ${where}`
        : `${result.user.email} already exists${values.password ? " (password unchanged)" : ""}: ${where}`,
    );
    return 0;
  } finally {
    await closeDb();
  }
}

// `pnpm suture <command>` — local commands for working with Suture.
import { send, SEND_USAGE, UsageError } from "./commands/send.ts";
import { route, ROUTE_USAGE } from "./commands/route.ts";
import { fix, FIX_USAGE } from "./commands/fix.ts";
import { repo, REPO_USAGE } from "./commands/repo.ts";
import { policy, POLICY_USAGE } from "./commands/policy.ts";
import { user, USER_USAGE } from "./commands/user.ts";
import { deploy, DEPLOY_TOKEN_USAGE, DEPLOY_USAGE, deployToken } from "./commands/deploy.ts";
import { sentryInstallation, SENTRY_INSTALLATION_USAGE } from "./commands/sentry-installation.ts";
import { sync, SYNC_USAGE } from "./commands/sync.ts";

const USAGE = `usage:
  ${SEND_USAGE.split("\n")[0]}
  ${SEND_USAGE.split("\n")[1]}
  ${ROUTE_USAGE.split("\n")[0]}
  ${REPO_USAGE.split("\n")[0]}
  ${POLICY_USAGE.split("\n")[0]}
  ${FIX_USAGE.split("\n")[0]}
  ${FIX_USAGE.split("\n")[1]}
  ${USER_USAGE.split("\n")[0]}
  ${DEPLOY_USAGE.split("\n")[0]}
  ${DEPLOY_TOKEN_USAGE.split("\n")[0]}
  ${SENTRY_INSTALLATION_USAGE.split("\n")[0]}
  ${SENTRY_INSTALLATION_USAGE.split("\n")[1]}
  ${SYNC_USAGE.split("\n")[0]}

suture help <command> for details.`;

const commands: Record<string, { run: (argv: string[]) => Promise<number>; usage: string }> = {
  send: { run: send, usage: SEND_USAGE },
  route: { run: route, usage: ROUTE_USAGE },
  repo: { run: repo, usage: REPO_USAGE },
  policy: { run: policy, usage: POLICY_USAGE },
  fix: { run: fix, usage: FIX_USAGE },
  user: { run: user, usage: USER_USAGE },
  deploy: { run: deploy, usage: DEPLOY_USAGE },
  "deploy-token": { run: deployToken, usage: DEPLOY_TOKEN_USAGE },
  "sentry-installation": { run: sentryInstallation, usage: SENTRY_INSTALLATION_USAGE },
  sync: { run: sync, usage: SYNC_USAGE },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    const topic = rest[0] ? commands[rest[0]] : undefined;
    console.log(topic ? topic.usage : USAGE);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`suture: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`suture ${name}: ${(error as Error).message}\n\n${command.usage}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));

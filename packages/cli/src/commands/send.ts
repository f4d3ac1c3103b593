import { existsSync, readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fixturePath, listFixtures } from "@suture/sentry/fixtures";
import { env } from "../env.ts";
import { resolveSecret } from "../local-secret.ts";
import { signAndPost } from "../sign-and-post.ts";

export const SEND_USAGE = `suture send <fixture-name|path>... [--url URL] [--secret S] [--resource R]
suture send --all [--url URL] [--secret S]

Signs each body with the client secret and posts it as Sentry would. A fixture name is a file
in packages/sentry/fixtures/webhooks (with or without .json); the resource header comes from
the file name (<resource>.<action>.json) unless --resource is given.`;

export async function send(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: "string" },
      secret: { type: "string" },
      resource: { type: "string" },
      all: { type: "boolean", default: false },
    },
  });
  const files = values.all ? listFixtures().map((name) => fixturePath(name)) : positionals.map(locate);
  if (files.length === 0) throw new UsageError("name a fixture or a file, or pass --all");
  const secret = resolveSecret(values.secret);
  if (!secret) {
    throw new UsageError(
      "no client secret: pass --secret, set SENTRY_CLIENT_SECRET, or start the server once so it makes one",
    );
  }
  const url = values.url ?? env.SUTURE_URL ?? `http://127.0.0.1:${env.PORT}/api/sentry/webhooks`;

  let failures = 0;
  for (const file of files) {
    const resource = values.resource ?? resourceOf(file);
    const result = await signAndPost(url, resource, readFileSync(file), secret).catch((error: Error) => ({
      status: 0,
      body: `cannot reach ${url}: ${error.cause instanceof Error ? error.cause.message : error.message}`,
      ms: 0,
    }));
    const ok = result.status >= 200 && result.status < 300;
    if (!ok) failures++;
    console.log(
      `${ok ? "✓" : "✗"} ${String(result.status).padStart(3)} ${basename(file).padEnd(48)} ${result.ms.toFixed(0).padStart(4)} ms  ${JSON.stringify(result.body)}`,
    );
  }
  console.log(`${files.length - failures} of ${files.length} accepted by ${url}`);
  return failures === 0 ? 0 : 1;
}

/** The resource a webhook file is for: its name up to the first dot (`issue.created.json` → `issue`). */
function resourceOf(file: string): string {
  const name = basename(file);
  const dot = name.indexOf(".");
  return dot === -1 ? name : name.slice(0, dot);
}

function locate(arg: string): string {
  const asPath = resolve(env.INIT_CWD ?? process.cwd(), arg);
  if (existsSync(asPath) && arg.includes("/")) return asPath;
  const name = arg.endsWith(".json") ? arg : `${arg}.json`;
  const fixture = fixturePath(name);
  if (existsSync(fixture)) return fixture;
  if (existsSync(asPath)) return asPath;
  throw new UsageError(`no fixture or file named ${arg} (try: ${listFixtures().slice(0, 3).join(", ")}, ...)`);
}

export class UsageError extends Error {}

import { accounts, rateLimits, sessions, users, verifications } from "@suture/db/schema";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { getDb } from "../database.ts";
import { env } from "../env.ts";
import { log } from "../observability/log.ts";
import { authSecret } from "./auth-secret.ts";

/** Sign-in attempts allowed per client address in a minute, per sign-in path. */
export const SIGN_IN_ATTEMPTS_PER_MINUTE = 10;

/** The GitHub OAuth app, when both of its settings are given. */
const githubApp =
  env.GITHUB_OAUTH_CLIENT_ID && env.GITHUB_OAUTH_CLIENT_SECRET
    ? { clientId: env.GITHUB_OAUTH_CLIENT_ID, clientSecret: env.GITHUB_OAUTH_CLIENT_SECRET }
    : null;

export const githubSignIn = githubApp !== null;

async function createAuth(secure: boolean) {
  const db = await getDb();
  return betterAuth({
    appName: "Suture",
    secret: authSecret(),
    baseURL: env.SUTURE_PUBLIC_URL,
    basePath: "/api/auth",
    // Without SUTURE_PUBLIC_URL, a browser's request is trusted from the address it was sent
    // to (its Host): a page of another site posting here carries that site's Origin, and fails.
    trustedOrigins: (request) => {
      const host = request?.headers.get("host");
      return request && host ? [`${isHttps(request.headers, request.url) ? "https" : "http"}://${host}`] : [];
    },
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user: users, session: sessions, account: accounts, verification: verifications, rateLimit: rateLimits },
    }),
    // People are let in by an admin (setup link, `suture user create`, the members page),
    // never by signing themselves up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10 },
    socialProviders: githubApp
      ? {
          github: {
            ...githubApp,
            // A GitHub account signs in as the existing user with its verified email; it creates none.
            disableSignUp: true,
          },
        }
      : {},
    account: { accountLinking: { enabled: true, trustedProviders: ["github"] } },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/*": { window: 60, max: SIGN_IN_ATTEMPTS_PER_MINUTE },
      },
    },
    advanced: {
      // http-only always; Secure (and the __Secure- prefix) when the request came over HTTPS.
      useSecureCookies: secure,
      // Checked everywhere, tests included (better-auth would skip it under a test runner).
      disableOriginCheck: false,
      disableCSRFCheck: false,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    telemetry: { enabled: false },
    // Its lines in Suture's log (JSON in production); LOG_LEVEL decides what is written.
    logger: { level: "debug", log: logAuth },
  });
}

/**
 * better-auth's log lines, through Suture's logger. Without SUTURE_PUBLIC_URL its "Base URL is
 * not set" (which asks for an env variable Suture does not read) is what Suture means — origins
 * come from each request (trustedOrigins above) — so it is only a debug line.
 */
function logAuth(level: "debug" | "info" | "warn" | "error", message: string, ...args: unknown[]): void {
  const expected = !env.SUTURE_PUBLIC_URL && message.includes("Base URL is not set");
  const err = args.find((arg) => arg instanceof Error);
  log[expected ? "debug" : level](err ? { err } : {}, `better-auth: ${message.replace(/^\[better-auth\] /, "")}`);
}

type Auth = Awaited<ReturnType<typeof createAuth>>;
const store = globalThis as unknown as { __sutureAuth?: Map<boolean, Promise<Auth>> };

/**
 * The better-auth instance for a request over HTTPS (`secure`) or plain HTTP. With
 * SUTURE_PUBLIC_URL set, its protocol decides for every request.
 */
export function getAuth(secure: boolean): Promise<Auth> {
  const key = env.SUTURE_PUBLIC_URL ? env.SUTURE_PUBLIC_URL.startsWith("https://") : secure;
  store.__sutureAuth ??= new Map();
  let auth = store.__sutureAuth.get(key);
  if (!auth) {
    auth = createAuth(key);
    store.__sutureAuth.set(key, auth);
  }
  return auth;
}

/** True when the request reached us over HTTPS (directly, or as a proxy in front says). */
export function isHttps(headers: Headers, url?: string): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (forwarded) return forwarded === "https";
  return url ? url.startsWith("https://") : false;
}

/** Answers the better-auth endpoints under /api/auth (sign-in, sign-out, session, GitHub callback). */
export async function handleAuthRequest(request: Request): Promise<Response> {
  const auth = await getAuth(isHttps(request.headers, request.url));
  return auth.handler(request);
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

/** The signed-in user of a request, from its session cookie; null when there is none or it expired. */
export async function getSessionUser(headers: Headers): Promise<SignedInUser | null> {
  const auth = await getAuth(isHttps(headers));
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  return { id: session.user.id, email: session.user.email, name: session.user.name };
}

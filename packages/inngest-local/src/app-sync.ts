import type { FunctionRegistry } from "./function-registry.ts";
import type { SdkClient } from "./sdk-client.ts";
import type { TimerSet } from "./timer-set.ts";
import type { LogFn } from "./types.ts";

export interface AppSyncDeps {
  serveUrl: string;
  sdk: SdkClient;
  registry: FunctionRegistry;
  timers: TimerSet;
  log: LogFn;
  executorUrl: () => string;
}

/** Syncs the app the way the Dev Server does: PUT its serve URL, and the SDK POSTs /fn/register back. */
export class AppSync {
  private cancelRetry: (() => void) | undefined;
  private stopped = false;
  private synced = false;
  private looping = false;
  private readonly warned = new Set<string>();

  constructor(private readonly deps: AppSyncDeps) {}

  async syncOnce(): Promise<number> {
    const { serveUrl, sdk, registry } = this.deps;
    const before = registry.syncCount;
    let res;
    try {
      res = await sdk.put(serveUrl);
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : "";
      throw new Error(`inngest-local: cannot reach the app at ${serveUrl}: ${(err as Error).message}${cause}`);
    }
    if (res.status !== 200)
      throw new Error(
        `inngest-local: sync failed: ${serveUrl} answered PUT with ${res.status}: ${describe(res.body)}${this.hint(res.status)}`,
      );
    if (registry.syncCount === before) {
      throw new Error(
        `inngest-local: ${serveUrl} answered the sync but never registered with this executor; ` +
          `point its Inngest client at ${this.deps.executorUrl()} (baseUrl option or INNGEST_DEV)`,
      );
    }
    this.markSynced();
    return registry.all().length;
  }

  /** Keep trying until the app is up and synced; never throws. */
  startBackground(): void {
    if (this.looping) return;
    this.looping = true;
    let attempt = 0;
    const startedAt = Date.now();
    const tryOnce = (): void => {
      if (this.stopped || this.synced) return;
      this.syncOnce().then(
        () => undefined,
        (err: Error) => {
          if (this.stopped || this.synced) return;
          const unreachable = err.message.includes("cannot reach");
          // "Not up yet" is expected at boot; only nag once it has lasted a while or the app answered wrongly.
          if (!unreachable || Date.now() - startedAt > 15_000)
            this.warnOnce(unreachable ? "unreachable" : err.message, err.message);
          else this.deps.log("debug", err.message);
          const delay = Math.min(250 * 2 ** attempt++, 5_000);
          this.cancelRetry = this.deps.timers.set(delay, tryOnce);
        },
      );
    };
    tryOnce();
  }

  stop(): void {
    this.stopped = true;
    this.cancelRetry?.();
  }

  private markSynced(): void {
    if (!this.synced)
      this.deps.log(
        "info",
        `inngest-local: synced ${this.deps.registry.all().length} functions from ${this.deps.serveUrl}`,
      );
    this.synced = true;
    this.cancelRetry?.();
  }

  private hint(status: number): string {
    if (status === 401) {
      return " (the app and the executor must share one signing key: the app's Inngest client signingKey, the executor's signingKey)";
    }
    if (status !== 500) return "";
    return (
      ` (if the SDK is in cloud mode, set isDev: true or INNGEST_DEV=${this.deps.executorUrl()} in the app, ` +
      `or give the executor the app's signingKey; also check the client's baseUrl is ${this.deps.executorUrl()})`
    );
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.deps.log("warn", `${message}; still retrying in the background`);
  }
}

function describe(body: unknown): string {
  if (body && typeof body === "object") {
    const record = body as Record<string, unknown>;
    const text = record.message ?? record.error ?? record.code;
    if (typeof text === "string") return text;
  }
  return typeof body === "string" ? body.slice(0, 300) : JSON.stringify(body);
}

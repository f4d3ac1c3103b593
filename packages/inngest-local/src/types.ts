export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFn = (level: LogLevel, message: string, fields?: object) => void;

export interface ExecutorOptions {
  /** The app's Inngest `serve()` endpoint, e.g. "http://127.0.0.1:3000/api/inngest". */
  serveUrl: string;
  /** Port to listen on; 0 picks an ephemeral port. Default 8288 (the Dev Server's). */
  port?: number;
  /** Interface to listen on. Default "127.0.0.1". */
  host?: string;
  /**
   * The app's signing key (`signkey-<env>-<hex>`), as its Inngest client has it in cloud mode.
   * Requests to the app are signed with it, and `POST /fn/register` is refused (401) unless it
   * carries the SDK's `Authorization: Bearer <hashed signing key>`. Required unless `unsigned`.
   */
  signingKey?: string;
  /**
   * The app's event key: `POST /e/<key>` with any other key is refused (401). With a signing key
   * and no event key, events reach the executor only through `send()`.
   */
  eventKey?: string;
  /**
   * Run like the Inngest Dev Server, for an SDK in dev mode: nothing is signed, and any process
   * that reaches the port may register functions and (without `eventKey`) send events. For tests
   * only; ignored when `signingKey` is set.
   */
  unsigned?: boolean;
  /** Delay before retry number `attempt` (1-based). Default: 1s doubling, capped at 60s. */
  retryBackoffMs?: (attempt: number) => number;
  log?: LogFn;
  /** Fire cron triggers from a wall-clock ticker. Default true; `tickCron()` works either way. */
  cron?: boolean;
  /** Most requests to the app in flight at once; the rest queue. Default 100. */
  maxConcurrentRequests?: number;
  /** How many finished runs `runs()` remembers. Default 1000. */
  maxRunHistory?: number;
}

export interface EventPayload {
  name: string;
  data?: unknown;
  id?: string;
  ts?: number;
  v?: string;
  user?: unknown;
}

/** An event as delivered to functions: always has an id, ts and data. */
export interface InngestEvent {
  name: string;
  data: unknown;
  id: string;
  ts: number;
  v?: string;
  user?: unknown;
}

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  [key: string]: unknown;
}

export type RunStatus = "queued" | "running" | "completed" | "failed" | "cancelled";

export interface RunInfo {
  id: string;
  functionId: string;
  status: RunStatus;
  eventName: string;
  eventIds: string[];
  output?: unknown;
  error?: SerializedError;
  /** Highest attempt number any single step or call reached (1 = no retries). */
  attempts: number;
  startedAt: number;
  endedAt?: number;
}

export type FunctionTrigger = { event: string; expression?: string } | { cron: string; jitter?: string };

export interface ConcurrencyOption {
  limit: number;
  key?: string;
  scope?: "fn" | "env" | "account";
}

/** A function config exactly as the SDK registers it (only the fields this package reads are typed). */
export interface FunctionConfig {
  id: string;
  name?: string;
  triggers: FunctionTrigger[];
  steps: Record<
    string,
    { id: string; name: string; runtime: { type: string; url: string }; retries?: { attempts?: number } }
  >;
  concurrency?: number | ConcurrencyOption | ConcurrencyOption[];
  batchEvents?: { maxSize: number; timeout: string; key?: string; if?: string };
  [key: string]: unknown;
}

export interface Executor {
  /** Base URL of this executor; give it to the SDK as `baseUrl` or INNGEST_DEV. */
  readonly url: string;
  start(): Promise<void>;
  sync(): Promise<void>;
  send(events: EventPayload | EventPayload[]): Promise<string[]>;
  idle(timeoutMs?: number): Promise<void>;
  functions(): FunctionConfig[];
  runs(): RunInfo[];
  /** Fire every cron trigger that matches `date` (default now); at most once per function per minute. */
  tickCron(date?: Date): void;
  stop(): Promise<void>;
}

export interface SentryApiOptions {
  /** e.g. https://sentry.io or a self-hosted Sentry's URL. */
  baseUrl: string;
  /** An internal integration's token (or a user auth token). */
  token: string;
  /** Organization slug. */
  org: string;
  fetch?: typeof fetch;
  /** Per request; 10 s unless a caller needs it shorter. */
  timeoutMs?: number;
}

export type SentryApiFailure = {
  status: "failed";
  error: string;
  httpStatus?: number;
  /** On a 429: how long Sentry asks to wait (`Retry-After`, else its rate-limit reset), in seconds. */
  retryAfterSeconds?: number;
};
export type SentryApiResult<T extends object = object> = ({ status: "ok" } & T) | SentryApiFailure;

export type SentryResponse = SentryApiResult<{ httpStatus: number; json: unknown; headers: Headers }>;

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * One authenticated call. HTTP and network errors come back as `failed` with a message a
 * person can act on; the token is scrubbed from it, since messages end up in timelines and logs.
 */
export async function sentryRequest(
  options: SentryApiOptions,
  method: string,
  path: string,
  body?: unknown,
): Promise<SentryResponse> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const url = `${options.baseUrl.replace(/\/+$/, "")}${path}`;
  const fail = (error: string, httpStatus?: number, retryAfterSeconds?: number): SentryApiFailure => ({
    status: "failed",
    error: scrub(`Sentry ${method} ${path}: ${error}`, options.token),
    ...(httpStatus !== undefined ? { httpStatus } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });
  let response: Response;
  let text: string;
  try {
    response = await doFetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${options.token}`,
        Accept: "application/json",
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    return fail(networkError(error, timeoutMs));
  }
  const json = parseJson(text);
  if (!response.ok) {
    const wait = response.status === 429 ? retryAfter(response.headers) : undefined;
    return fail(`HTTP ${response.status}${detailOf(json, text)}`, response.status, wait);
  }
  return { status: "ok", httpStatus: response.status, json, headers: response.headers };
}

/** `/a/{b}/c/` with each id encoded, so an id can never change the path. */
export function apiPath(strings: TemplateStringsArray, ...ids: string[]): string {
  return strings.reduce((path, part, index) => {
    const id = ids[index];
    return path + part + (id === undefined ? "" : encodeURIComponent(id));
  }, "");
}

/** Seconds to wait after a 429: `Retry-After` (seconds or a date), else `X-Sentry-Rate-Limit-Reset`; 60 if neither. */
export function retryAfter(headers: Headers, now = Date.now()): number {
  const header = headers.get("retry-after")?.trim() ?? "";
  if (/^\d+(\.\d+)?$/.test(header)) return Math.ceil(Number(header));
  const date = header ? Date.parse(header) : NaN;
  if (Number.isFinite(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  const reset = Number(headers.get("x-sentry-rate-limit-reset"));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, Math.ceil(reset - now / 1000));
  return 60;
}

function networkError(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError" || err.name === "AbortError") return `no answer within ${timeoutMs / 1000} s`;
  const cause = err.cause?.code ?? err.cause?.message;
  return `${err.message ?? String(error)}${cause ? ` (${cause})` : ""}`;
}

function parseJson(text: string): unknown {
  try {
    return text === "" ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/** Sentry explains errors in `{"detail": ...}`; otherwise the start of the body. */
function detailOf(json: unknown, text: string): string {
  const detail = json && typeof json === "object" ? (json as { detail?: unknown }).detail : undefined;
  if (typeof detail === "string" && detail !== "") return `: ${detail}`;
  const start = text.trim().slice(0, 200);
  return start ? `: ${start}` : "";
}

function scrub(message: string, token: string): string {
  return token ? message.split(token).join("[token]") : message;
}

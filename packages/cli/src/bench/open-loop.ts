import { Agent, request } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";

export interface OpenLoopResult {
  sent: number;
  /** Answers per second over the run. */
  achievedRate: number;
  p50: number;
  p99: number;
  max: number;
  /** The load generator's own event-loop delay p99 (ms): how late it could have sent. */
  generatorLoopP99: number;
  /** Failed requests, non-2xx answers and answers slower than 10 s. */
  errors: number;
  /** What the errors were (status codes, slow answers, network errors), each kind with its count. */
  errorKinds: Record<string, number>;
  /** Answers slower than `slowMs`, and the quarter-seconds (by due time) in which they bunched. */
  slow: SlowAnswers;
}

export interface SlowAnswers {
  thresholdMs: number;
  count: number;
  /** Quarter-seconds holding at least STALL_AT_LEAST slow answers: when (s into the run), how many, the slowest (ms). */
  stalls: { at: number; count: number; maxMs: number }[];
}

/** Slow answers in one quarter-second that make it a stall rather than a straggler. */
const STALL_AT_LEAST = 5;

/**
 * An open loop: request i is due at start + i/rate, sent then whether or not earlier ones were
 * answered, and its latency counts from when it was due — so a server that falls behind shows it
 * (autocannon's rate limit is a closed loop that sends each second's quota in a burst).
 */
export async function openLoop(options: {
  url: string;
  rate: number;
  seconds: number;
  next: () => { body: string; headers: Record<string, string> };
  onAnswer?: (status: number, body: string) => void;
  /** Answers slower than this are counted and placed in time (default 30 ms). */
  slowMs?: number;
}): Promise<OpenLoopResult> {
  // Idle sockets close after 4 s, before the server's 5 s keep-alive timeout would close them
  // under a request just sent (an ECONNRESET the client's reuse caused, not the server).
  const agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: 4000 });
  const target = new URL(options.url);
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  const slowMs = options.slowMs ?? 30;
  const slow: { due: number; ms: number }[] = [];
  let errors = 0;
  const errorKinds: Record<string, number> = {};
  const fail = (kind: string) => {
    errors++;
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  };
  const answers: Promise<void>[] = [];
  const generatorLoop = monitorEventLoopDelay({ resolution: 1 });
  generatorLoop.enable();
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    while (sent < total && start + (sent * 1000) / options.rate <= now) {
      const due = start + (sent * 1000) / options.rate;
      const delivery = options.next();
      answers.push(
        send(agent, target, delivery).then(
          ({ status, body }) => {
            const ms = performance.now() - due;
            latencies.push(ms);
            if (ms > slowMs) slow.push({ due: due - start, ms });
            if (status < 200 || status > 299) fail(`HTTP ${status}`);
            else if (ms > 10_000) fail("slower than 10 s");
            options.onAnswer?.(status, body);
          },
          (error: unknown) => fail((error as NodeJS.ErrnoException).code ?? (error as Error).message),
        ),
      );
      sent++;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(answers);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  generatorLoop.disable();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    sent,
    achievedRate: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    max: at(1),
    generatorLoopP99: generatorLoop.percentile(99) / 1e6,
    errors,
    errorKinds,
    slow: { thresholdMs: slowMs, count: slow.length, stalls: stallsOf(slow) },
  };
}

/** Slow answers grouped by the quarter-second they were due in; the groups big enough to be stalls. */
function stallsOf(slow: { due: number; ms: number }[]): SlowAnswers["stalls"] {
  const quarters = new Map<number, { count: number; maxMs: number }>();
  for (const { due, ms } of slow) {
    const quarter = Math.floor(due / 250);
    const group = quarters.get(quarter) ?? { count: 0, maxMs: 0 };
    quarters.set(quarter, { count: group.count + 1, maxMs: Math.max(group.maxMs, ms) });
  }
  return [...quarters]
    .filter(([, group]) => group.count >= STALL_AT_LEAST)
    .sort(([a], [b]) => a - b)
    .map(([quarter, group]) => ({ at: quarter / 4, ...group }));
}

function send(
  agent: Agent,
  target: URL,
  delivery: { body: string; headers: Record<string, string> },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      { method: "POST", agent, headers: { ...delivery.headers, "content-length": Buffer.byteLength(delivery.body) } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(delivery.body);
  });
}

import type { Batcher } from "./batcher.ts";
import type { EventDedup } from "./event-dedup.ts";
import type { FunctionRegistry } from "./function-registry.ts";
import type { PendingTracker } from "./pending-tracker.ts";
import type { RunManager } from "./run-manager.ts";
import type { EventPayload, InngestEvent, LogFn } from "./types.ts";
import { seededUlids, ulid } from "./ulid.ts";
import type { WaitRegistry } from "./wait-registry.ts";

const MAX_BUFFERED = 10_000;

export class InvalidEventError extends Error {
  override name = "InvalidEventError";
}

export interface EventRouterDeps {
  registry: FunctionRegistry;
  waits: WaitRegistry;
  batcher: Batcher;
  runs: RunManager;
  /** User-supplied event ids: Inngest's 24h idempotency window. */
  idDedup: EventDedup;
  /** Ids derived from the SDK's send seed: only has to outlive the SDK's send retries. */
  seedDedup: EventDedup;
  pending: PendingTracker;
  log: LogFn;
}

/** Accepts events (HTTP or in-process), drops duplicates, resumes waits and starts or batches runs. */
export class EventRouter {
  // Events that arrive before the app has synced would match nothing; hold them until it has.
  private buffered: InngestEvent[] = [];
  private droppedWarned = false;

  constructor(private readonly deps: EventRouterDeps) {}

  /** Validate and route `payloads`; returns one id per payload. Throws InvalidEventError on bad input. */
  accept(payloads: EventPayload[], seed?: string | null): string[] {
    const now = Date.now();
    const seeded = seededUlids(seed, payloads.length);
    const events = payloads.map((p, i) => normalize(p, seeded?.[i] ?? ulid(now), now));
    const fresh = events.filter((event, i) => {
      const dedup = payloads[i]?.id ? this.deps.idDedup : seeded ? this.deps.seedDedup : undefined;
      if (!dedup || dedup.accept(event.id, now)) return true;
      this.deps.log("debug", "inngest-local: duplicate event ignored", { name: event.name, id: event.id });
      return false;
    });
    this.route(fresh);
    return events.map((e) => e.id);
  }

  route(events: InngestEvent[]): void {
    if (this.deps.registry.syncCount === 0) return this.buffer(events);
    for (const event of events) {
      this.deps.waits.offer(event);
      for (const fn of this.deps.registry.matching(event)) {
        if (fn.batch) this.deps.batcher.add(fn, event);
        else this.deps.runs.start(fn, [event]);
      }
    }
  }

  /** Route events held back before the first sync. */
  flush(): void {
    if (this.buffered.length === 0) return;
    const events = this.buffered;
    this.buffered = [];
    this.route(events);
    this.deps.pending.done();
  }

  /** Forget buffered events (executor stop). */
  clear(): void {
    if (this.buffered.length > 0) this.deps.pending.done();
    this.buffered = [];
  }

  private buffer(events: InngestEvent[]): void {
    if (events.length === 0) return;
    if (this.buffered.length === 0) this.deps.pending.add();
    const room = MAX_BUFFERED - this.buffered.length;
    this.buffered.push(...events.slice(0, room));
    if (events.length > room && !this.droppedWarned) {
      this.droppedWarned = true;
      this.deps.log(
        "warn",
        `inngest-local: app not synced yet and ${MAX_BUFFERED} events are waiting; dropping newer events`,
      );
    }
  }
}

function normalize(payload: EventPayload, generatedId: string, now: number): InngestEvent {
  if (!payload || typeof payload !== "object") throw new InvalidEventError("event must be an object");
  if (typeof payload.name !== "string" || payload.name === "")
    throw new InvalidEventError("event name must be a non-empty string");
  const data = payload.data ?? {};
  if (typeof data !== "object" || Array.isArray(data))
    throw new InvalidEventError(`event "${payload.name}": data must be an object`);
  // Keep unknown fields (e.g. the SDK's `meta`) so functions see what was sent, minus methods
  // such as the `validate` that `eventType().create()` adds.
  const rest = Object.fromEntries(Object.entries(payload).filter(([, v]) => typeof v !== "function"));
  return {
    ...rest,
    name: payload.name,
    data,
    id: typeof payload.id === "string" && payload.id !== "" ? payload.id : generatedId,
    ts: typeof payload.ts === "number" ? payload.ts : now,
  };
}

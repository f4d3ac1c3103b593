import { describe, expect, it } from "vitest";
import { ConcurrencyLimiter } from "../src/concurrency-limiter.ts";
import { parseDurationMs, sleepDelayMs } from "../src/duration.ts";
import { EventDedup } from "../src/event-dedup.ts";
import { canonicalJson, signatureHeader } from "../src/signing.ts";
import { seededUlids, ulid } from "../src/ulid.ts";

describe("helpers", () => {
  it("parses SDK durations and sleepUntil timestamps", () => {
    expect(parseDurationMs("500ms")).toBe(500);
    expect(parseDurationMs("1h30m5s")).toBe(5_405_000);
    expect(parseDurationMs("2w")).toBe(1_209_600_000);
    expect(() => parseDurationMs("soon")).toThrow(/invalid duration/);
    expect(sleepDelayMs("2m", 0)).toBe(120_000);
    expect(sleepDelayMs("2030-01-01T00:00:10.000Z", Date.parse("2030-01-01T00:00:00Z"))).toBe(10_000);
  });

  it("builds sortable ULIDs, deterministic for one SDK seed", () => {
    expect(ulid()).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(ulid(1) < ulid(2)).toBe(true);
    const seed = `1700000000000,${Buffer.alloc(10, 7).toString("base64")}`;
    const ids = seededUlids(seed, 3)!;
    expect(new Set(ids).size).toBe(3);
    expect(seededUlids(seed, 3)).toEqual(ids);
    expect(seededUlids("garbage", 1)).toBeUndefined();
  });

  it("serializes canonically and signs like the SDK expects", () => {
    expect(canonicalJson({ b: 1, a: [undefined, { d: 2, c: undefined }], "10": 0, "2": 0 })).toBe(
      '{"10":0,"2":0,"a":[null,{"d":2}],"b":1}',
    );
    const header = signatureHeader("{}", "signkey-prod-abc", 1_700_000_000_000);
    expect(header).toMatch(/^t=1700000000&s=[0-9a-f]{64}$/);
    expect(header).toBe(signatureHeader("{}", "abc", 1_700_000_000_000));
  });

  it("dedups ids within the window only", () => {
    const dedup = new EventDedup(1000, 10);
    expect(dedup.accept("a", 0)).toBe(true);
    expect(dedup.accept("a", 500)).toBe(false);
    expect(dedup.accept("a", 1500)).toBe(true);
  });

  it("queues beyond a concurrency limit per bucket and grants FIFO on release", () => {
    const limiter = new ConcurrencyLimiter();
    const order: string[] = [];
    const a = [{ key: "a", limit: 1 }];
    limiter.acquire(a, () => order.push("a1"));
    limiter.acquire(a, () => order.push("a2"));
    const cancel = limiter.acquire(a, () => order.push("a3"));
    limiter.acquire([{ key: "b", limit: 1 }], () => order.push("b1"));
    expect(order).toEqual(["a1", "b1"]);
    cancel();
    limiter.release(a);
    expect(order).toEqual(["a1", "b1", "a2"]);
    limiter.release(a);
    expect(order).toEqual(["a1", "b1", "a2"]);
  });
});

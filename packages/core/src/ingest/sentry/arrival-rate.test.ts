import { describe, expect, it } from "vitest";
import { ArrivalRate } from "./arrival-rate.ts";

describe("ArrivalRate", () => {
  it("counts what arrived in the last second, and forgets it as the second slides on", () => {
    const rate = new ArrivalRate();
    rate.count(50, 300);
    rate.count(550);
    expect(rate.lastSecond(560)).toBe(301);
    expect(rate.lastSecond(999)).toBe(301);
    expect(rate.lastSecond(1000)).toBe(1); // the first tenth of a second has left the window
    expect(rate.lastSecond(1499)).toBe(1);
    expect(rate.lastSecond(1500)).toBe(0);
  });

  it("starts from nothing after a long quiet spell, and counts a tenth it was never asked about", () => {
    const rate = new ArrivalRate();
    rate.count(10_000, 5);
    expect(rate.lastSecond(60_000)).toBe(0);
    rate.count(60_030);
    rate.count(60_190);
    expect(rate.lastSecond(60_200)).toBe(2);
  });

  it("never counts backwards: a time earlier than the newest lands in the newest tenth", () => {
    const rate = new ArrivalRate();
    rate.count(1000);
    rate.count(900);
    expect(rate.lastSecond(1000)).toBe(2);
  });
});

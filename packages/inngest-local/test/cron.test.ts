import { describe, expect, it } from "vitest";
import { parseCron } from "../src/cron.ts";

const at = (iso: string) => new Date(iso);

describe("cron", () => {
  it("matches steps, ranges, lists and names", () => {
    const every5 = parseCron("*/5 * * * *");
    expect(every5.matches(at("2030-01-01T10:15:00Z"))).toBe(true);
    expect(every5.matches(at("2030-01-01T10:16:00Z"))).toBe(false);
    const office = parseCron("0,30 9-17/2 * JAN-MAR MON-FRI");
    expect(office.matches(at("2030-01-07T09:30:00Z"))).toBe(true); // Monday
    expect(office.matches(at("2030-01-07T10:30:00Z"))).toBe(false); // 10 not in 9-17/2
    expect(office.matches(at("2030-01-05T09:30:00Z"))).toBe(false); // Saturday
    expect(office.matches(at("2030-04-01T09:30:00Z"))).toBe(false); // April
  });

  it("ORs day-of-month and day-of-week when both are restricted, and accepts 7 as Sunday", () => {
    const c = parseCron("0 0 13 * 7");
    expect(c.matches(at("2030-02-13T00:00:00Z"))).toBe(true); // the 13th, a Wednesday
    expect(c.matches(at("2030-02-17T00:00:00Z"))).toBe(true); // a Sunday
    expect(c.matches(at("2030-02-18T00:00:00Z"))).toBe(false);
  });

  it("supports macros and TZ= prefixes", () => {
    expect(parseCron("@hourly").matches(at("2030-01-01T05:00:00Z"))).toBe(true);
    const ny = parseCron("TZ=America/New_York 0 9 * * *");
    expect(ny.matches(at("2030-01-15T14:00:00Z"))).toBe(true); // 09:00 EST
    expect(ny.matches(at("2030-01-15T09:00:00Z"))).toBe(false);
  });

  it("rejects malformed expressions", () => {
    for (const bad of ["* * * *", "60 * * * *", "*/0 * * * *", "5-1 * * * *", "TZ=Nowhere/City * * * * *"]) {
      expect(() => parseCron(bad), bad).toThrow(/cron/);
    }
  });
});

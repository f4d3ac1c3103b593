const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Parse the SDK's duration strings ("500ms", "1s", "2h30m", "1w") into milliseconds. */
export function parseDurationMs(text: string): number {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d|w))+$/.test(trimmed)) throw new Error(`invalid duration ${JSON.stringify(text)}`);
  let total = 0;
  for (const part of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) {
    total += Number(part[1]) * (UNIT_MS[part[2] as string] as number);
  }
  return total;
}

/**
 * A Sleep op's `name` is either a duration (step.sleep) or an ISO timestamp
 * (step.sleepUntil); return how long to wait from `now`, never negative.
 */
export function sleepDelayMs(name: string, now: number): number {
  if (/^\d/.test(name) && !/[-:T]/.test(name)) return parseDurationMs(name);
  const at = Date.parse(name);
  if (Number.isNaN(at)) throw new Error(`invalid sleep target ${JSON.stringify(name)}`);
  return Math.max(0, at - now);
}

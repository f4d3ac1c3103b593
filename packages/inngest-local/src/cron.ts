export interface CronSchedule {
  readonly source: string;
  matches(date: Date): boolean;
}

const MACROS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface Field {
  min: number;
  max: number;
  names?: string[];
  nameBase?: number;
}
const FIELDS: Field[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { min: 0, max: 7, names: DAYS, nameBase: 0 },
];

/** Parse a standard 5-field cron expression, optionally prefixed with `TZ=<zone>` or `CRON_TZ=<zone>`. */
export function parseCron(source: string): CronSchedule {
  let text = source.trim();
  let timeZone = "UTC";
  const tz = /^(?:CRON_)?TZ=(\S+)\s+/.exec(text);
  if (tz) {
    timeZone = tz[1] as string;
    text = text.slice(tz[0].length);
    try {
      new Intl.DateTimeFormat("en-US", { timeZone });
    } catch {
      throw new Error(`cron ${JSON.stringify(source)}: unknown time zone "${timeZone}"`);
    }
  }
  text = MACROS[text.toLowerCase()] ?? text;
  const parts = text.split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron ${JSON.stringify(source)}: expected 5 fields, got ${parts.length}`);
  const sets = parts.map((part, i) => parseField(part, FIELDS[i] as Field, source));
  const [minutes, hours, days, months, weekdays] = sets as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  if (weekdays.has(7)) weekdays.add(0);
  // Vixie cron: when both day fields are restricted, a date matching either one fires.
  const domRestricted = !/^[*?]$/.test(parts[2] as string);
  const dowRestricted = !/^[*?]$/.test(parts[4] as string);
  const formatter = timeZone === "UTC" ? undefined : zoneFormatter(timeZone);
  return {
    source,
    matches(date: Date): boolean {
      const t = formatter ? zonedFields(formatter, date) : utcFields(date);
      if (!minutes.has(t.minute) || !hours.has(t.hour) || !months.has(t.month)) return false;
      const domOk = days.has(t.day);
      const dowOk = weekdays.has(t.weekday);
      if (domRestricted && dowRestricted) return domOk || dowOk;
      return domOk && dowOk;
    },
  };
}

function parseField(part: string, field: Field, source: string): Set<number> {
  const values = new Set<number>();
  const bad = (detail: string): Error => new Error(`cron ${JSON.stringify(source)}: ${detail} in "${part}"`);
  for (const item of part.split(",")) {
    const [rangeText, stepText] = item.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw bad("invalid step");
    let lo: number;
    let hi: number;
    if (rangeText === "*" || rangeText === "?") {
      lo = field.min;
      hi = field.max;
    } else {
      const [a, b] = (rangeText ?? "").split("-");
      lo = value(a, field, bad);
      hi = b === undefined ? (stepText === undefined ? lo : field.max) : value(b, field, bad);
    }
    if (lo > hi) throw bad("range start after end");
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return values;
}

function value(text: string | undefined, field: Field, bad: (detail: string) => Error): number {
  const upper = (text ?? "").toUpperCase();
  const named = field.names?.indexOf(upper) ?? -1;
  const v = named >= 0 ? named + (field.nameBase ?? 0) : /^\d+$/.test(upper) ? Number(upper) : NaN;
  if (!Number.isInteger(v) || v < field.min || v > field.max)
    throw bad(`value "${text ?? ""}" out of range ${field.min}-${field.max}`);
  return v;
}

interface TimeFields {
  minute: number;
  hour: number;
  day: number;
  month: number;
  weekday: number;
}

function utcFields(d: Date): TimeFields {
  return {
    minute: d.getUTCMinutes(),
    hour: d.getUTCHours(),
    day: d.getUTCDate(),
    month: d.getUTCMonth() + 1,
    weekday: d.getUTCDay(),
  };
}

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    weekday: "short",
  });
}

function zonedFields(formatter: Intl.DateTimeFormat, d: Date): TimeFields {
  const parts: Record<string, string> = {};
  for (const p of formatter.formatToParts(d)) parts[p.type] = p.value;
  return {
    minute: Number(parts.minute),
    hour: Number(parts.hour),
    day: Number(parts.day),
    month: Number(parts.month),
    weekday: DAYS.indexOf((parts.weekday ?? "").toUpperCase()),
  };
}

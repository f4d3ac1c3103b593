type Unit = [Intl.RelativeTimeFormatUnit, number];
const SECOND: Unit = ["second", 1000];
const UNITS: Unit[] = [["day", 86_400_000], ["hour", 3_600_000], ["minute", 60_000], SECOND];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 minutes ago", with the exact UTC time on hover. Rendered on the server. */
export function TimeAgo({ date, now }: { date: Date; now: number }) {
  const diff = date.getTime() - now;
  const [unit, ms] = UNITS.find(([, size]) => Math.abs(diff) >= size) ?? SECOND;
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()} className="whitespace-nowrap text-slate-500">
      {relative.format(Math.round(diff / ms), unit)}
    </time>
  );
}

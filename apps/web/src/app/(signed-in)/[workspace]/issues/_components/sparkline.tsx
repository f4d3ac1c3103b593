/** Observations per hour as a small inline SVG line (oldest hour on the left); no chart library. */
export function Sparkline({ counts, label }: { counts: number[]; label: string }) {
  const width = 96;
  const height = 24;
  const max = Math.max(1, ...counts);
  const step = counts.length > 1 ? width / (counts.length - 1) : width;
  const y = (count: number) => height - 2 - (count / max) * (height - 4);
  const points = counts.map((count, i) => `${(i * step).toFixed(1)},${y(count).toFixed(1)}`).join(" ");
  const total = counts.reduce((a, b) => a + b, 0);
  return (
    <svg
      role="img"
      aria-label={`${label}: ${total} in the last 24 hours`}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      className={total > 0 ? "text-indigo-700" : "text-slate-300"}
    >
      <title>{`${total} observations in the last 24 hours`}</title>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}

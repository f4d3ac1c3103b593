const LEVEL_COLOURS: Record<string, string> = {
  fatal: "bg-red-800",
  error: "bg-red-700",
  warning: "bg-amber-700",
  info: "bg-sky-700",
  debug: "bg-slate-400",
};

/** The level as a coloured bar beside the title (the word is there for screen readers and on hover). */
export function LevelMark({ level }: { level: string | null }) {
  const name = level ?? "unknown level";
  return (
    <span
      data-level={level ?? "none"}
      title={name}
      className={`inline-block h-9 w-1 shrink-0 rounded-full ${LEVEL_COLOURS[level ?? ""] ?? "bg-slate-300"}`}
    >
      <span className="sr-only">{name}</span>
    </span>
  );
}

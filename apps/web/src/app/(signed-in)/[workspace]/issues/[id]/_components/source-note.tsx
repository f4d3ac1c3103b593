import type { IssuePage } from "@suture/core";

type Source = NonNullable<Extract<IssuePage, { status: "found" }>["source"]>;

/** Which repository and ref the frames link into. */
export function SourceNote({ source }: { source: Source }) {
  return (
    <p className="text-xs text-slate-500">
      Frames link to <span className="font-mono">{source.repository}</span> at{" "}
      <span className="font-mono">{source.refIsCommit ? source.ref.slice(0, 12) : source.ref}</span>
      {source.refIsCommit
        ? " (the release's commit)"
        : " (the default branch; no deployment names the release's commit)"}
      .
    </p>
  );
}

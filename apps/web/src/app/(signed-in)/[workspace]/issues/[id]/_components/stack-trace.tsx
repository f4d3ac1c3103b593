import type { IssueException, IssueFrame } from "@suture/core";

/** The exception chain, outermost first; in-app frames open with their source, library frames folded. */
export function StackTrace({ exceptions }: { exceptions: IssueException[] }) {
  return (
    <section aria-labelledby="stack-title" className="rounded-xl border border-slate-200 bg-white">
      <h2 id="stack-title" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
        Stack trace
      </h2>
      <div className="divide-y divide-slate-200">
        {exceptions.map((exception, i) => (
          <ExceptionBlock key={i} exception={exception} caused={i > 0} />
        ))}
      </div>
    </section>
  );
}

function ExceptionBlock({ exception, caused }: { exception: IssueException; caused: boolean }) {
  const groups = groupFrames(exception.frames);
  return (
    <div className="space-y-2 p-4">
      {caused ? <p className="text-xs tracking-wide text-slate-500 uppercase">Caused by</p> : null}
      <p className="font-mono text-sm break-words">
        <span className="font-semibold text-red-700">{exception.type ?? "Error"}</span>
        {exception.value ? <span className="text-slate-800">: {exception.value}</span> : null}
        {exception.handled === false ? (
          <span className="ml-2 rounded bg-red-50 px-1.5 py-0.5 font-sans text-xs text-red-700">unhandled</span>
        ) : null}
      </p>
      {exception.frames.length === 0 ? <p className="text-sm text-slate-500">No frames in this event.</p> : null}
      <ol className="space-y-2">
        {groups.map((group) =>
          group.inApp ? (
            group.frames.map((frame) => (
              <li key={frame.index}>
                <InAppFrame frame={frame.frame} crashing={frame.index === 0} />
              </li>
            ))
          ) : (
            <li key={`lib-${group.frames[0]?.index ?? 0}`}>
              <LibraryFrames frames={group.frames.map((f) => f.frame)} />
            </li>
          ),
        )}
      </ol>
    </div>
  );
}

type Group = { inApp: boolean; frames: { frame: IssueFrame; index: number }[] };

/** Consecutive library frames fold together; each in-app frame stands on its own. */
function groupFrames(frames: IssueFrame[]): Group[] {
  const groups: Group[] = [];
  frames.forEach((frame, index) => {
    const last = groups.at(-1);
    if (last && !frame.inApp && !last.inApp) last.frames.push({ frame, index });
    else groups.push({ inApp: frame.inApp, frames: [{ frame, index }] });
  });
  return groups;
}

function FrameTitle({ frame }: { frame: IssueFrame }) {
  const file = frame.filename ?? frame.absPath ?? frame.module ?? "?";
  return (
    <span className="font-mono text-xs break-all">
      <span className="font-semibold">{frame.function ?? "?"}</span>
      <span className="text-slate-500"> in </span>
      {file}
      {frame.lineno !== null ? <span className="text-slate-500">:{frame.lineno}</span> : null}
    </span>
  );
}

function InAppFrame({ frame, crashing }: { frame: IssueFrame; crashing: boolean }) {
  return (
    <details open className="rounded-lg border border-slate-200" data-testid="in-app-frame">
      <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
        <FrameTitle frame={frame} />
        {crashing ? <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs text-red-700">crashed here</span> : null}
        {frame.repoUrl ? (
          <a
            href={frame.repoUrl}
            className="font-mono text-xs text-indigo-700 hover:underline"
            rel="noreferrer"
            target="_blank"
          >
            {frame.repoPath}
          </a>
        ) : frame.repoPath ? (
          <span className="font-mono text-xs text-slate-500">{frame.repoPath}</span>
        ) : null}
      </summary>
      <SourceContext frame={frame} crashing={crashing} />
    </details>
  );
}

function SourceContext({ frame, crashing }: { frame: IssueFrame; crashing: boolean }) {
  if (frame.contextLine === null)
    return <p className="border-t border-slate-200 px-3 py-2 text-xs text-slate-500">No source context.</p>;
  const first = frame.lineno !== null ? frame.lineno - frame.preContext.length : null;
  const lines = [
    ...frame.preContext.map((text) => ({ text, current: false })),
    { text: frame.contextLine, current: true },
    ...frame.postContext.map((text) => ({ text, current: false })),
  ];
  return (
    <pre className="overflow-x-auto border-t border-slate-200 bg-slate-50 py-1 font-mono text-xs leading-5">
      {lines.map((line, i) => (
        <div
          key={i}
          data-current={line.current ? "true" : undefined}
          className={
            line.current ? (crashing ? "bg-red-50 text-red-900" : "bg-slate-100 text-slate-900") : "text-slate-700"
          }
        >
          <span className="inline-block w-12 pr-3 text-right text-slate-400 select-none">
            {first !== null ? first + i : ""}
          </span>
          {line.text}
        </div>
      ))}
    </pre>
  );
}

function LibraryFrames({ frames }: { frames: IssueFrame[] }) {
  return (
    <details className="rounded-lg border border-dashed border-slate-300">
      <summary className="cursor-pointer px-3 py-2 text-xs text-slate-600">
        {frames.length} library {frames.length === 1 ? "frame" : "frames"}
      </summary>
      <ul className="space-y-1 border-t border-slate-200 px-3 py-2">
        {frames.map((frame, i) => (
          <li key={i}>
            <FrameTitle frame={frame} />
          </li>
        ))}
      </ul>
    </details>
  );
}

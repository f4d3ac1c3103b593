"use client";

import { DiffModeEnum, DiffView, getLang } from "@git-diff-view/react";
import "@git-diff-view/react/styles/diff-view-pure.css";
import { useState, useSyncExternalStore } from "react";
import type { DiffFileSummary } from "@suture/core";

const DARK_QUERY = "(prefers-color-scheme: dark)";

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** The diff follows the system's colour scheme, like the rest of the dashboard. */
function useColorScheme(): "light" | "dark" {
  return useSyncExternalStore(
    subscribe,
    () => (window.matchMedia(DARK_QUERY).matches ? "dark" : "light"),
    () => "light",
  );
}

/** The agent's change: its files with their counts, then each file's diff, unified or split. */
export function RunDiff({ files }: { files: DiffFileSummary[] }) {
  const [mode, setMode] = useState<"unified" | "split">("unified");
  const theme = useColorScheme();
  const added = files.reduce((sum, file) => sum + file.added, 0);
  const removed = files.reduce((sum, file) => sum + file.removed, 0);
  return (
    <section aria-labelledby="diff-title" className="overflow-hidden rounded-xl border border-slate-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <h2 id="diff-title" className="text-sm font-semibold">
          The change{" "}
          <span className="font-normal text-slate-500">
            · {files.length} {files.length === 1 ? "file" : "files"} <Counts added={added} removed={removed} />
          </span>
        </h2>
        <ModeToggle mode={mode} onMode={setMode} />
      </div>
      <FileList files={files} />
      {files.map((file, i) => (
        <FileDiff key={`${i}-${file.path}`} id={`diff-file-${i}`} file={file} mode={mode} theme={theme} />
      ))}
    </section>
  );
}

function Counts({ added, removed }: { added: number; removed: number }) {
  return (
    <span className="font-mono text-xs whitespace-nowrap">
      <span className="text-emerald-700">+{added}</span> <span className="text-red-700">−{removed}</span>
    </span>
  );
}

function ModeToggle({ mode, onMode }: { mode: "unified" | "split"; onMode: (mode: "unified" | "split") => void }) {
  const button = (value: "unified" | "split", label: string) => (
    <button
      type="button"
      aria-pressed={mode === value}
      onClick={() => onMode(value)}
      className={`px-3 py-1 text-xs font-medium ${mode === value ? "bg-indigo-600 text-white" : "text-slate-700 hover:bg-slate-50"}`}
    >
      {label}
    </button>
  );
  return (
    <div role="group" aria-label="Diff view" className="inline-flex overflow-hidden rounded-md ring-1 ring-slate-300">
      {button("unified", "Unified")}
      {button("split", "Split")}
    </div>
  );
}

function FileList({ files }: { files: DiffFileSummary[] }) {
  return (
    <nav aria-label="Changed files" className="border-b border-slate-200 bg-slate-50 px-4 py-2">
      <ul className="space-y-1 text-sm">
        {files.map((file, i) => (
          <li key={`${i}-${file.path}`} className="flex items-center justify-between gap-3">
            <a href={`#diff-file-${i}`} className="min-w-0 truncate font-mono text-xs text-indigo-700 hover:underline">
              {file.path}
            </a>
            <span className="flex shrink-0 items-center gap-2">
              {file.change === "modified" ? null : <span className="text-xs text-slate-500">{file.change}</span>}
              <Counts added={file.added} removed={file.removed} />
            </span>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function FileDiff({
  id,
  file,
  mode,
  theme,
}: {
  id: string;
  file: DiffFileSummary;
  mode: "unified" | "split";
  theme: "light" | "dark";
}) {
  const lang = (name: string | null) => (name ? getLang(name) : null);
  return (
    <div id={id} className="border-b border-slate-200 last:border-b-0">
      <h3 className="flex items-center justify-between gap-3 bg-slate-50 px-4 py-2 font-mono text-xs">
        <span className="min-w-0 truncate" title={file.path}>
          {file.oldPath && file.newPath && file.oldPath !== file.newPath
            ? `${file.oldPath} → ${file.newPath}`
            : file.path}
        </span>
        <Counts added={file.added} removed={file.removed} />
      </h3>
      <div className="overflow-x-auto text-xs" data-testid="diff-file">
        <DiffView
          data={{
            oldFile: { fileName: file.oldPath ?? file.path, fileLang: lang(file.oldPath ?? file.path) },
            newFile: { fileName: file.newPath ?? file.path, fileLang: lang(file.newPath ?? file.path) },
            hunks: [file.patch],
          }}
          diffViewMode={mode === "split" ? DiffModeEnum.Split : DiffModeEnum.Unified}
          diffViewTheme={theme}
          diffViewHighlight
          diffViewWrap
          diffViewFontSize={12}
        />
      </div>
    </div>
  );
}

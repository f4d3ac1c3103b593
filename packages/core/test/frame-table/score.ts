import type { EventContextFrame } from "@suture/sentry";
import { mapFrames } from "../../src/fixes/map-frames.ts";
import { FRAME_TABLE, type TablePlatform } from "./table.ts";

export interface Figures {
  platform: string;
  setup: string;
  inApp: number;
  right: number;
  wrong: number;
  libraries: number;
  libraryMapped: number;
  possible: number;
  misses: string[];
}

const BLANK: EventContextFrame = {
  filename: null,
  absPath: null,
  module: null,
  function: null,
  lineno: null,
  colno: null,
  inApp: false,
  preContext: [],
  contextLine: null,
  postContext: [],
};

/** Maps a platform's rows against its repository, with or without decoys and mappings. */
export function score(table: TablePlatform, decoys: boolean, mapped: boolean): Figures {
  const files = decoys ? [...table.files, ...table.decoys] : table.files;
  const frames = table.rows.map((row) => ({ ...BLANK, ...row.frame }));
  const results = mapFrames(frames, mapped ? (table.mappings ?? []) : [], files);
  const figures: Figures = {
    platform: table.platform,
    setup: `${decoys ? "decoys" : "plain"}${mapped ? "+mappings" : ""}`,
    ...{ inApp: 0, right: 0, wrong: 0, libraries: 0, libraryMapped: 0, possible: 0 },
    misses: [],
  };
  table.rows.forEach((row, i) => {
    const got = results[i]?.path ?? null;
    const label = row.frame.absPath ?? row.frame.filename ?? row.frame.module ?? row.frame.function ?? "?";
    if (results[i]?.confidence === "possible") figures.possible++;
    if (got !== null && got !== row.expected) {
      figures.wrong++;
      figures.misses.push(`${label} → ${got} (expected ${row.expected})`);
    }
    if (row.frame.inApp === true && row.expected !== null) {
      figures.inApp++;
      if (got === row.expected) figures.right++;
      else if (got === null) figures.misses.push(`${label} → unmapped (expected ${row.expected})`);
    }
    if (row.frame.inApp !== true) {
      figures.libraries++;
      if (got !== null) figures.libraryMapped++;
    }
  });
  return figures;
}

export function allFigures(): Figures[] {
  return FRAME_TABLE.flatMap((table) => [
    score(table, false, false),
    score(table, true, false),
    ...(table.mappings ? [score(table, false, true), score(table, true, true)] : []),
  ]);
}

export function formatFigures(figures: readonly Figures[]): string {
  const lines = figures.map(
    (f) =>
      `${f.platform.padEnd(20)} ${f.setup.padEnd(16)} in-app right ${String(f.right).padStart(2)}/${String(f.inApp).padEnd(2)}` +
      ` (${((100 * f.right) / Math.max(f.inApp, 1)).toFixed(0).padStart(3)} %)  wrong ${f.wrong}` +
      `  library mapped ${f.libraryMapped}/${f.libraries}  possible ${f.possible}`,
  );
  const sum = (key: "inApp" | "right" | "wrong" | "libraries" | "libraryMapped") =>
    figures.reduce((total, f) => total + f[key], 0);
  lines.push(
    `${"all".padEnd(20)} ${"".padEnd(16)} in-app right ${sum("right")}/${sum("inApp")}` +
      ` (${((100 * sum("right")) / Math.max(sum("inApp"), 1)).toFixed(1)} %)  wrong ${sum("wrong")}` +
      `  library mapped ${sum("libraryMapped")}/${sum("libraries")}`,
  );
  return lines.join("\n");
}

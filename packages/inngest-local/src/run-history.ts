import type { RunInfo } from "./types.ts";

/** Active runs plus the most recent finished ones; old finished runs fall off the end. */
export class RunHistory {
  private readonly runs = new Map<string, RunInfo>();
  private readonly finished: string[] = [];
  private finishedHead = 0;

  constructor(private readonly maxFinished: number) {}

  add(run: RunInfo): void {
    this.runs.set(run.id, run);
  }

  markFinished(run: RunInfo): void {
    this.finished.push(run.id);
    while (this.finished.length - this.finishedHead > this.maxFinished) {
      this.runs.delete(this.finished[this.finishedHead++] as string);
    }
    // Compact occasionally instead of shifting on every finish.
    if (this.finishedHead > 1024 && this.finishedHead * 2 > this.finished.length) {
      this.finished.splice(0, this.finishedHead);
      this.finishedHead = 0;
    }
  }

  list(): RunInfo[] {
    return [...this.runs.values()].map((run) => ({ ...run, eventIds: [...run.eventIds] }));
  }
}

"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

const POLL_MS = 1500;

interface LogAnswer {
  runStatus: string;
  lines: { seq: number; text: string }[];
  cursor: number;
}

function isLogAnswer(value: unknown): value is LogAnswer {
  if (typeof value !== "object" || value === null) return false;
  return "runStatus" in value && "lines" in value && Array.isArray(value.lines) && "cursor" in value;
}

/** The next answer of the log endpoint, or null when it cannot be read (tried again on the next tick). */
async function fetchLog(url: string): Promise<LogAnswer | null> {
  const response = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
  if (!response.ok) return null;
  const body: unknown = await response.json();
  return isLogAnswer(body) ? body : null;
}

/** Statuses the log follows: approved (the dispatch is about to start) and running. */
const FOLLOWED = new Set(["approved", "running"]);

/**
 * Polls the log endpoint while the run is approved or running; refreshes the page when its status
 * changes (approved → running), and stops and refreshes once it has moved on.
 */
function useRunLog(endpoint: string, initial: string, initialCursor: number, initialStatus: string) {
  const following = FOLLOWED.has(initialStatus);
  const router = useRouter();
  const [text, setText] = useState(initial);
  const [live, setLive] = useState(following);
  // Kept across the page's refreshes, which hand this component newer props it must not restart from.
  const cursor = useRef(initialCursor);
  const status = useRef(initialStatus);
  useEffect(() => {
    if (!following) return;
    let stopped = false;
    async function tick(): Promise<void> {
      const answer = await fetchLog(`${endpoint}?after=${cursor.current}`);
      if (stopped || !answer) return;
      cursor.current = answer.cursor;
      const added = answer.lines.map((line) => line.text).join("");
      if (added) setText((before) => before + added);
      if (!FOLLOWED.has(answer.runStatus)) {
        if (answer.lines.length > 0) return;
        stopped = true;
        setLive(false);
        router.refresh();
      } else if (status.current !== answer.runStatus) {
        // The status badge and stages are the server's: show the run as it is now.
        status.current = answer.runStatus;
        router.refresh();
      }
    }
    const timer = setInterval(() => {
      tick().catch((error: unknown) => console.warn("[suture] could not read the run's log", error));
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [endpoint, following, router]);
  return { text, live };
}

/**
 * The agent's output. While the run is approved or `running` it asks for what came after the last
 * chunk every 1.5 s, appends it and follows the bottom (unless the reader scrolled up); once the
 * run has moved on it stops and refreshes the page. Output is text, never markup.
 */
export function LiveLog({
  endpoint,
  initial,
  cursor,
  status,
}: {
  endpoint: string;
  initial: string;
  cursor: number;
  /** The run's status when the page was rendered. */
  status: string;
}) {
  const { text, live } = useRunLog(endpoint, initial, cursor, status);
  const box = useRef<HTMLPreElement>(null);
  const follow = useRef(true);

  useEffect(() => {
    const element = box.current;
    if (element && follow.current) element.scrollTop = element.scrollHeight;
  }, [text]);

  function onScroll(): void {
    const element = box.current;
    if (element) follow.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
  }

  return (
    <section aria-labelledby="log-title" className="overflow-hidden rounded-xl border border-slate-200 bg-white">
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h2 id="log-title" className="text-sm font-semibold">
          Agent log
        </h2>
        {live ? (
          <span className="inline-flex items-center gap-1.5 text-xs text-sky-700" role="status">
            <span aria-hidden className="size-2 animate-pulse rounded-full bg-sky-500" />
            live
          </span>
        ) : null}
      </div>
      <pre
        ref={box}
        onScroll={onScroll}
        data-testid="agent-log"
        tabIndex={0}
        aria-label="Agent output"
        className="max-h-96 overflow-auto bg-slate-50 p-4 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-800"
      >
        {text || (live ? "Waiting for the agent's first output…" : "The agent wrote nothing.")}
      </pre>
    </section>
  );
}

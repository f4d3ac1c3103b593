import { appendFixRunEvent } from "@suture/db";
import { getDb } from "../../database.ts";
import { log } from "../../observability/log.ts";

const FLUSH_MS = 500;
const FLUSH_BYTES = 16 * 1024;

export interface RunLog {
  write(chunk: string): void;
  /** Writes what is buffered and waits for every append to land. */
  close(): Promise<void>;
}

/**
 * Streams a process's output into the run's timeline as it happens, in chunks, so the dashboard
 * shows a live log without a database write per line.
 */
export function createRunLog(fixRunId: string, kind: "agent_output" | "test_output"): RunLog {
  let buffer = "";
  let timer: NodeJS.Timeout | undefined;
  let chain = Promise.resolve();
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!buffer) return;
    const message = buffer;
    buffer = "";
    chain = chain
      .then(async () => {
        await appendFixRunEvent(await getDb(), { fixRunId, event: { kind, message } });
      })
      .catch((error: unknown) => log.warn({ fixRunId, err: error }, "could not store the agent's output"));
  };
  return {
    write(chunk) {
      buffer += chunk;
      if (buffer.length >= FLUSH_BYTES) flush();
      else timer ??= setTimeout(flush, FLUSH_MS);
    },
    async close() {
      flush();
      await chain;
    },
  };
}

/** Test output with paths relative to the repository: the checkout's temporary folder means nothing to a reviewer. */
export function relativeToCheckout(output: string, dir: string): string {
  return output.replaceAll(`file://${dir}/`, "").replaceAll(`${dir}/`, "");
}

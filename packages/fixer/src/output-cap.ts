export type OutputStream = "stdout" | "stderr";

export interface OutputCap {
  /** A `data` listener for one of the process's streams. */
  capture(stream: OutputStream): (chunk: Buffer) => void;
  output(): string;
  truncated(): boolean;
}

/**
 * Keeps the first `maxBytes` of a process's output, and forwards exactly those to `onOutput`,
 * then one line saying the rest was cut. Whatever is listening (a run log in the database) is
 * as safe from a flood as the result is; the pipes are still drained so the process never blocks.
 */
export function outputCap(maxBytes: number, onOutput?: (chunk: string, stream: OutputStream) => void): OutputCap {
  let output = "";
  let size = 0;
  let truncated = false;
  // One decoder per stream, so a character split across two chunks is not mangled.
  const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  return {
    capture: (stream) => (chunk) => {
      if (truncated) return;
      const room = maxBytes - size;
      const kept = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
      size += kept.byteLength;
      const text = decoders[stream].decode(kept, { stream: true });
      output += text;
      if (text) onOutput?.(text, stream);
      if (kept.byteLength < chunk.byteLength) {
        truncated = true;
        onOutput?.(`\n[output truncated after ${maxBytes} bytes]\n`, stream);
      }
    },
    output: () => output,
    truncated: () => truncated,
  };
}

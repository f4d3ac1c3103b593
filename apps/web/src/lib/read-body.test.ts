import { describe, expect, it } from "vitest";
import { readBody } from "./read-body";

function streamed(chunks: Uint8Array[]): Request {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[pulled++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return new Request("http://x/", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("readBody", () => {
  it("returns the exact bytes, including escapes JSON.stringify would rewrite", async () => {
    const text = '{"a":"\\u00e9","b":1000.0}';
    const body = await readBody(new Request("http://x/", { method: "POST", body: text }), 1024);
    expect(new TextDecoder().decode(body!)).toBe(text);
  });

  it("refuses a declared Content-Length over the cap without reading", async () => {
    const request = new Request("http://x/", { method: "POST", body: "x", headers: { "content-length": "2048" } });
    expect(await readBody(request, 1024)).toBeNull();
    expect(request.bodyUsed).toBe(false);
  });

  it("stops reading a streamed body as soon as it passes the cap", async () => {
    const chunk = new Uint8Array(600);
    expect(await readBody(streamed([chunk, chunk, chunk]), 1024)).toBeNull();
    expect((await readBody(streamed([chunk]), 1024))?.byteLength).toBe(600);
  });

  it("reads an empty body as zero bytes", async () => {
    expect((await readBody(new Request("http://x/", { method: "POST" }), 10))?.byteLength).toBe(0);
  });
});

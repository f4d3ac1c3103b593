/**
 * Reads the raw request body, stopping as soon as it exceeds `limit` bytes so an oversized
 * upload costs no more than the cap. Returns null when the body is too large.
 */
export async function readBody(request: Request, limit: number): Promise<Uint8Array | null> {
  const length = request.headers.get("content-length");
  const declared = length === null ? Number.NaN : Number(length);
  if (declared > limit) return null;
  if (!request.body) return new Uint8Array(0);
  // Declared and within the cap (what Sentry sends): one read, no chunk bookkeeping. The
  // server enforces Content-Length, so the body cannot grow past what was declared.
  if (Number.isInteger(declared) && declared >= 0) return new Uint8Array(await request.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

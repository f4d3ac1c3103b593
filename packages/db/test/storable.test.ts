import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, describeError, MAX_ERROR_LENGTH, storableError, storableJson, storableText } from "../src/index.ts";

const handle = createDb();
afterAll(() => handle.close());

const rowsOf = <T>(result: unknown): T[] => (result as { rows?: T[] }).rows ?? (result as T[]);

describe("storable text", () => {
  it("replaces NUL and lone surrogates with U+FFFD and keeps everything else, pairs included", () => {
    expect(storableText("a\u0000b")).toBe("a\ufffdb");
    expect(storableText("\ud800x\udfff")).toBe("\ufffdx\ufffd");
    expect(storableText("\udc00\ud800")).toBe("\ufffd\ufffd");
    expect(storableText("ok 😀 ü \ud83d\ude00")).toBe("ok 😀 ü 😀");
  });

  it("walks objects and arrays, keys too, copying only what changed", () => {
    const clean = { a: ["x", { b: 1 }], when: new Date(0) };
    expect(storableJson(clean)).toBe(clean);
    const dirty = { [`k\u0000`]: ["x", { b: "\ud800" }], n: null, when: clean.when };
    expect(storableJson(dirty)).toEqual({ "k\ufffd": ["x", { b: "\ufffd" }], n: null, when: clean.when });
  });

  it(`is accepted by ${process.env.SUTURE_TEST_DB} in text and jsonb, where the raw value is refused`, async () => {
    const value = { [`key\u0000`]: "nul \u0000, lone \ud800 and \udc00" };
    await expect(handle.db.execute(sql`select ${JSON.stringify(value)}::jsonb as v`)).rejects.toThrow();
    await expect(handle.db.execute(sql`select ${value["key\u0000"]}::text as v`)).rejects.toThrow();
    const stored = storableJson(value);
    const [row] = rowsOf<{ j: unknown; t: string }>(
      await handle.db.execute(
        sql`select ${JSON.stringify(stored)}::jsonb as j, ${storableText(value["key\u0000"])}::text as t`,
      ),
    );
    expect(row?.j).toEqual({ "key\ufffd": "nul \ufffd, lone \ufffd and \ufffd" });
    expect(row?.t).toBe("nul \ufffd, lone \ufffd and \ufffd");
  });
});

describe("stored error texts", () => {
  it("are one storable line without email addresses, capped", () => {
    expect(storableError("failed for jane.customer@example.com\nsecond\u0000 line")).toBe(
      "failed for [email] second\ufffd line",
    );
    const long = storableError("x".repeat(5000));
    expect(long).toHaveLength(MAX_ERROR_LENGTH);
    expect(long.endsWith("…")).toBe(true);
  });

  it("name a database error by its SQLSTATE, never by the query or its parameters", async () => {
    const error = await handle.db.execute(sql`select ${"jane.customer@example.com \u0000"}::text as v`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain("jane.customer@example.com"); // what drizzle says
    const described = describeError(error);
    expect(described).toMatch(/^the database refused it: .*\(22021\)$/);
    expect(described).not.toMatch(/jane|select|params/i);
  });

  it("keep the name and first line of any other error", () => {
    expect(describeError(new TypeError("x.map is not a function\n    at frame"))).toBe(
      "TypeError: x.map is not a function",
    );
    expect(describeError("plain")).toBe("plain");
    expect(describeError(Object.assign(new Error("connect"), { code: "EPIPE" }))).toBe("Error: connect");
  });
});

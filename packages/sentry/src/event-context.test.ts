import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { eventContextFromApi } from "./event-context-from-api.ts";
import { eventContextFromEvent } from "./event-context-from-event.ts";
import { eventSchema } from "./schemas/event.ts";
import { fixtureText } from "./test-support.ts";

const apiEvent = JSON.parse(
  readFileSync(new URL("../fixtures/api/issue.event.get.response.json", import.meta.url), "utf8"),
);
const webhookEvent = JSON.parse(fixtureText("error.created.json")).data.error;

const fromEvent = (json: unknown) => eventContextFromEvent(eventSchema.parse(json));
const webhookFrame = (n: number) => ({
  function: `f${n}`,
  filename: `f${n}.py`,
  lineno: n,
  in_app: n % 2 === 0,
  vars: { secret: `s${n}` },
});
const apiFrame = (n: number) => ({
  function: `f${n}`,
  filename: `f${n}.js`,
  lineNo: n,
  inApp: n % 2 === 0,
  vars: { secret: `s${n}` },
});
const apiWith = (entries: unknown[]) => ({ eventID: "e1", entries });

describe("eventContextFromEvent (webhook shape)", () => {
  it("reads the recorded error.created event: crashing frame first, with its source lines", () => {
    const context = fromEvent(webhookEvent);
    expect(context).toMatchObject({
      eventId: "9fac2ceed9344f2bbfdd1fdacb0ed9b1",
      title: "Exception: This is an example Python exception",
      errorType: "Exception",
      errorValue: "This is an example Python exception",
      level: "error",
      platform: "python",
      release: "checkout-api@2.4.1",
      environment: "production",
      culprit: "__main__ in main",
      webUrl: "https://sentry.io/organizations/acme/issues/6123456789/events/9fac2ceed9344f2bbfdd1fdacb0ed9b1/",
    });
    expect(context.frames.map((f) => [f.function, f.lineno, f.inApp])).toEqual([
      ["main", 26, true],
      ["<module>", 28, true],
    ]);
    expect(context.frames[0]).toMatchObject({
      contextLine: "    raise Exception('This is an example Python exception')",
      postContext: ["", "main()"],
      absPath: "/Users/user/test/main.py",
    });
    expect(context.frames[0]!.preContext.at(-1)).toBe("    list_var = [1, 2, 3]");
    expect(context.tags).toContainEqual({ key: "server_name", value: "web01.example.org" });
    expect(context.breadcrumbs).toEqual([
      {
        timestamp: "2025-06-27T06:48:32.866Z",
        category: "test",
        level: "info",
        message: "This is an example breadcrumb",
      },
    ]);
  });

  it.each([
    [
      "60 frames, half in app, keep 50: all 30 in-app ones and the 20 library ones nearest the crash",
      { exception: { values: [{ stacktrace: { frames: range(60).map(webhookFrame) } }] } },
      (c: ReturnType<typeof fromEvent>) => [c.frames.length, c.frames[0]!.function, c.frames.at(-1)!.function],
      [50, "f59", "f0"],
    ],
    [
      "the cap drops library frames, never in-app ones: 60 library frames over 5 in-app ones",
      {
        exception: {
          values: [
            {
              stacktrace: {
                frames: range(65).map((n) => ({ ...webhookFrame(n), in_app: n < 5 })),
              },
            },
          ],
        },
      },
      (c: ReturnType<typeof fromEvent>) => [
        c.frames.length,
        c.frames[0]!.function,
        c.frames.filter((f) => f.inApp).map((f) => f.function),
      ],
      [50, "f64", ["f4", "f3", "f2", "f1", "f0"]],
    ],
    [
      "40 breadcrumbs keep the latest 30, oldest first",
      { breadcrumbs: { values: range(40).map((n) => ({ message: `b${n}`, timestamp: n })) } },
      (c: ReturnType<typeof fromEvent>) => [
        c.breadcrumbs.length,
        c.breadcrumbs[0]!.message,
        c.breadcrumbs.at(-1)!.message,
      ],
      [30, "b10", "b39"],
    ],
    [
      "tags with null values are dropped",
      {
        tags: [
          ["a", "1"],
          ["b", null],
          ["c", 3],
        ],
      },
      (c: ReturnType<typeof fromEvent>) => c.tags,
      [
        { key: "a", value: "1" },
        { key: "c", value: "3" },
      ],
    ],
    [
      "without an exception, metadata names the error",
      { metadata: { type: "TypeError", value: "x is undefined" } },
      (c: ReturnType<typeof fromEvent>) => [c.errorType, c.errorValue, c.frames.length],
      ["TypeError", "x is undefined", 0],
    ],
    ["an empty message is no message", { message: "" }, (c: ReturnType<typeof fromEvent>) => c.message, null],
  ])("%s", (_name, extra, pick, expected) => {
    expect(pick(fromEvent({ event_id: "e1", ...extra }))).toEqual(expected);
  });

  it("reads a stored payload that does not parse (string line numbers, numeric id) as far as it can", () => {
    const raw = {
      event_id: 42,
      tags: [["a", "1"], "junk"],
      exception: { values: [{ type: "E", stacktrace: { frames: [{ function: "f", lineno: "7" }, null] } }] },
    };
    const context = eventContextFromEvent(raw as never);
    expect([
      context.eventId,
      context.errorType,
      context.tags,
      context.frames.map((f) => [f.function, f.lineno]),
    ]).toEqual([null, "E", [{ key: "a", value: "1" }], [["f", 7]]]);
  });

  it("never copies frame vars", () => {
    const context = fromEvent({
      event_id: "e1",
      exception: { values: [{ stacktrace: { frames: range(3).map(webhookFrame) } }] },
    });
    expect(JSON.stringify(context)).not.toContain("secret");
    expect(JSON.stringify(fromEvent(webhookEvent))).not.toContain("dict_var");
  });
});

describe("eventContextFromApi (REST shape)", () => {
  it("reads the recorded recommended event", () => {
    const context = eventContextFromApi(apiEvent);
    expect(context).toMatchObject({
      eventId: "9999aaaaca8b46d797c23c6077c6ff01",
      title: "This is an example Python exception",
      message: null,
      errorType: "ForbiddenError",
      errorValue: "GET /organizations/hellboy-meowmeow/users/ 403",
      level: "error",
      platform: "javascript",
      environment: "prod",
      culprit: "/books/new/",
      webUrl: null,
    });
    expect(context.release).toBe("b65bc521378269d3eaefdc964f8ef56621414943");
    expect(context.frames.map((f) => [f.function, f.lineno, f.colno, f.inApp])).toEqual([
      ["apply", 74, 24, false],
      ["ignoreOnError", 71, 23, false],
    ]);
    expect(context.frames[1]).toMatchObject({
      contextLine: "            return fn.apply(this, wrappedArguments);",
      preContext: expect.arrayContaining(["            }"]),
      postContext: [
        "            // tslint:enable:no-unsafe-any",
        "        }",
        "        catch (ex) {",
        "            ignoreNextOnError();",
        "            withScope(function (scope) {",
      ],
    });
    expect(context.frames[1]!.preContext).toHaveLength(5);
    expect(context.tags).toContainEqual({ key: "browser", value: "Chrome 83.0.4103" });
    expect(context.breadcrumbs).toHaveLength(3);
    expect(context.breadcrumbs[0]).toEqual({
      timestamp: "2020-06-17T22:26:55.266Z",
      category: "tracing",
      level: "debug",
      message: "[Tracing] pushActivity: idleTransactionStarted#1",
    });
  });

  it.each([
    [
      "60 frames, half in app, keep 50: all 30 in-app ones and the 20 library ones nearest the crash",
      apiWith([{ type: "exception", data: { values: [{ stacktrace: { frames: range(60).map(apiFrame) } }] } }]),
      (c: ReturnType<typeof eventContextFromApi>) => [
        c.frames.length,
        c.frames[0]!.function,
        c.frames.at(-1)!.function,
      ],
      [50, "f59", "f0"],
    ],
    [
      "the cap keeps every in-app frame of 70 when all are in app",
      apiWith([
        {
          type: "exception",
          data: { values: [{ stacktrace: { frames: range(70).map((n) => ({ ...apiFrame(n), inApp: true })) } }] },
        },
      ]),
      (c: ReturnType<typeof eventContextFromApi>) => [
        c.frames.length,
        c.frames[0]!.function,
        c.frames.at(-1)!.function,
      ],
      [70, "f69", "f0"],
    ],
    [
      "a message event's stacktrace entry is used",
      apiWith([
        { type: "message", data: { formatted: "hello" } },
        { type: "stacktrace", data: { frames: [apiFrame(1), apiFrame(2)] } },
      ]),
      (c: ReturnType<typeof eventContextFromApi>) => [c.message, c.frames.map((f) => f.function)],
      ["hello", ["f2", "f1"]],
    ],
    [
      "40 breadcrumbs keep the latest 30",
      apiWith([{ type: "breadcrumbs", data: { values: range(40).map((n) => ({ message: `b${n}` })) } }]),
      (c: ReturnType<typeof eventContextFromApi>) => [
        c.breadcrumbs.length,
        c.breadcrumbs[0]!.message,
        c.breadcrumbs.at(-1)!.message,
      ],
      [30, "b10", "b39"],
    ],
    [
      "context lines split around lineNo",
      apiWith([
        {
          type: "exception",
          data: {
            values: [
              {
                stacktrace: {
                  frames: [
                    {
                      lineNo: 3,
                      context: [
                        [1, "a"],
                        [2, "b"],
                        [3, "c"],
                        [4, "d"],
                      ],
                    },
                  ],
                },
              },
            ],
          },
        },
      ]),
      (c: ReturnType<typeof eventContextFromApi>) => [
        c.frames[0]!.preContext,
        c.frames[0]!.contextLine,
        c.frames[0]!.postContext,
      ],
      [["a", "b"], "c", ["d"]],
    ],
    [
      "a release given as a plain string",
      { release: "web@1.0" },
      (c: ReturnType<typeof eventContextFromApi>) => c.release,
      "web@1.0",
    ],
    [
      "something that is not an event gives an empty context",
      "<html>",
      (c: ReturnType<typeof eventContextFromApi>) => [c.eventId, c.frames, c.tags],
      [null, [], []],
    ],
  ])("%s", (_name, json, pick, expected) => {
    expect(pick(eventContextFromApi(json))).toEqual(expected);
  });

  it("never copies frame vars", () => {
    const json = apiWith([
      { type: "exception", data: { values: [{ stacktrace: { frames: range(3).map(apiFrame) } }] } },
    ]);
    expect(JSON.stringify(eventContextFromApi(json))).not.toContain("secret");
  });
});

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

import { describe, expect, it } from "vitest";
import { parseEnvelope } from "./parse-envelope.ts";
import { fixtureEnvelope } from "./test-support.ts";

describe("parseEnvelope", () => {
  it.each([
    ["null", null, 'body must be a JSON object with "action" and "data", got null'],
    ["an array", [1, 2], 'body must be a JSON object with "action" and "data", got an array'],
    ["a string", "created", 'body must be a JSON object with "action" and "data", got string'],
    ["no action", { data: {} }, '"action" is missing; body must be a JSON object with "action" and "data"'],
    ["a numeric action", { action: 5, data: {} }, '"action" must be a string, got number'],
    ["an empty action", { action: "", data: {} }, '"action" must not be empty'],
    ["no data", { action: "created" }, '"data" is missing; body must be a JSON object with "action" and "data"'],
    ["array data", { action: "created", data: [] }, '"data" must be an object, got an array'],
    ["null data", { action: "created", data: null }, '"data" must be an object, got null'],
    [
      "a string installation",
      { action: "created", data: {}, installation: "x" },
      '"installation" must be an object, got string',
    ],
    [
      "a numeric installation uuid",
      { action: "created", data: {}, installation: { uuid: 7 } },
      '"installation.uuid" must be a string, got number',
    ],
    // Stored in text columns: PostgreSQL refuses U+0000, a lone surrogate would not survive.
    [
      "a NUL in the action",
      { action: "cre\u0000ated", data: {} },
      '"action" must be printable ASCII without spaces, got U+0000',
    ],
    [
      "a lone surrogate in the action",
      { action: "\ud800", data: {} },
      '"action" must be printable ASCII without spaces, got U+D800',
    ],
    [
      "a space in the action",
      { action: "created now", data: {} },
      '"action" must be printable ASCII without spaces, got U+0020',
    ],
    [
      "a newline in the action",
      { action: "created\n", data: {} },
      '"action" must be printable ASCII without spaces, got U+000A',
    ],
    ["a non-ASCII action", { action: "créé", data: {} }, '"action" must be printable ASCII without spaces, got U+00E9'],
    ["an action of 65 characters", { action: "a".repeat(65), data: {} }, '"action" must be at most 64 characters'],
    [
      "a NUL in the installation uuid",
      { action: "created", data: {}, installation: { uuid: "a8e5d37a-696c-4c54-adb5-b3f28d64c7d\u0000" } },
      '"installation.uuid" must be a UUID (8-4-4-4-12 hex digits)',
    ],
    [
      "an installation uuid that is not a UUID",
      { action: "created", data: {}, installation: { uuid: "multi-org" } },
      '"installation.uuid" must be a UUID (8-4-4-4-12 hex digits)',
    ],
    [
      "a UUID with a trailing newline",
      { action: "created", data: {}, installation: { uuid: "a8e5d37a-696c-4c54-adb5-b3f28d64c7de\n" } },
      '"installation.uuid" must be a UUID (8-4-4-4-12 hex digits)',
    ],
  ])("rejects %s with a precise message", (_label, json, error) => {
    expect(parseEnvelope(json)).toEqual({ status: "invalid", error });
  });

  it("reads a user actor and turns its numeric id into a string", () => {
    expect(fixtureEnvelope("issue.resolved.json")).toEqual({
      action: "resolved",
      installationUuid: "a8e5d37a-696c-4c54-adb5-b3f28d64c7de",
      data: expect.objectContaining({ resolution_type: "in_next_release" }),
      actor: { type: "user", id: "1", name: "Jane Developer" },
    });
  });

  it("reads the application actor", () => {
    expect(fixtureEnvelope("issue.created.json").actor).toEqual({ type: "application", id: "sentry", name: "Sentry" });
  });

  it.each([
    ["missing", {}, null, null],
    ["null installation and actor", { installation: null, actor: null }, null, null],
    ["an actor without id", { actor: { type: "user", name: "x" } }, null, null],
    ["an actor that is a string", { actor: "sentry" }, null, null],
    ["an actor without a name", { actor: { type: "user", id: 9 } }, null, { type: "user", id: "9", name: null }],
    ["an empty installation uuid", { installation: { uuid: "" } }, null, null],
  ])("tolerates %s installation/actor", (_label, extra, installationUuid, actor) => {
    const result = parseEnvelope({ action: "created", data: { x: 1 }, ...extra });
    expect(result).toEqual({
      status: "valid",
      envelope: { action: "created", data: { x: 1 }, installationUuid, actor },
    });
  });

  it.each([
    ["a 64-character action of any printable ASCII", "root_cause.completed:v2-" + "x".repeat(40)],
    ["an unknown action", "teleported"],
  ])("accepts %s", (_label, action) => {
    expect(parseEnvelope({ action, data: {} })).toMatchObject({ status: "valid", envelope: { action } });
  });

  it("accepts an upper-case installation UUID as sent", () => {
    const uuid = "A8E5D37A-696C-4C54-ADB5-B3F28D64C7DE";
    expect(parseEnvelope({ action: "created", data: {}, installation: { uuid } })).toMatchObject({
      status: "valid",
      envelope: { installationUuid: uuid },
    });
  });

  it("keeps unknown top-level keys out of the envelope but accepts them", () => {
    const result = parseEnvelope({ action: "created", data: {}, extra: true });
    expect(result.status).toBe("valid");
  });
});

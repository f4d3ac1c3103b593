import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { afterAll, describe, it } from "vitest";
import { inngestRules } from "./inngest-rules.js";

// RuleTester reports through whatever test framework it is given.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
RuleTester.afterAll = afterAll;

const tester = new RuleTester({ languageOptions: { ecmaVersion: "latest", sourceType: "module" } });
const typescript = { parser: tseslint.parser };
const { rules } = inngestRules;

/** Code inside an Inngest function handler, where `step` is in scope. */
const inFunction = (body) =>
  `inngest.createFunction({ id: "f" }, { event: "e" }, async ({ event, step }) => {\n${body}\n});`;

tester.run("await-inngest-send", rules["await-inngest-send"], {
  valid: [
    { name: "awaited", code: `async function f(e) { await inngest.send(e); }` },
    {
      name: "awaited, result used",
      code: `async function f(e) { const { ids } = await inngest.send(e); return ids; }`,
    },
    { name: "returned", code: `function f(e) { return inngest.send(e); }` },
    { name: "an arrow's returned body", code: `const f = (e) => inngest.send(e);` },
    {
      name: "a mapped send inside an awaited Promise.all",
      code: `async function f(es) { await Promise.all(es.map((e) => inngest.send(e))); }`,
    },
    {
      name: "sends listed in an awaited Promise.all",
      code: `async function f(a, b) { await Promise.all([inngest.send(a), inngest.send(b)]); }`,
    },
    {
      name: "sends listed in a returned Promise.allSettled",
      code: `function f(a, b) { return Promise.allSettled([inngest.send(a), inngest.send(b)]); }`,
    },
    { name: "an awaited .catch chain", code: `async function f(e, log) { await inngest.send(e).catch(log); }` },
    { name: "an awaited optional call", code: `async function f(e) { await inngest?.send(e); }` },
    {
      name: "a returned TypeScript cast",
      code: `function f(e: unknown) { return inngest.send(e) as Promise<unknown>; }`,
      languageOptions: typescript,
    },
    { name: "another object's send", code: `function f(e) { client.send(e); }` },
  ],
  invalid: [
    { name: "a bare statement", code: `async function f(e) { inngest.send(e); }`, errors: [{ messageId: "floating" }] },
    {
      name: "kept in a variable",
      code: `async function f(e) { const sent = inngest.send(e); }`,
      errors: [{ messageId: "floating" }],
    },
    { name: "voided", code: `function f(e) { void inngest.send(e); }`, errors: [{ messageId: "floating" }] },
    {
      name: "a .catch chain left floating",
      code: `function f(e, log) { inngest.send(e).catch(log); }`,
      errors: [{ messageId: "floating" }],
    },
    {
      name: "a Promise.all nobody awaits",
      code: `function f(a) { Promise.all([inngest.send(a)]); }`,
      errors: [{ messageId: "floating" }],
    },
    {
      name: "a race, which leaves the losers unawaited",
      code: `async function f(a, b) { await Promise.race([inngest.send(a), inngest.send(b)]); }`,
      errors: [{ messageId: "floating" }, { messageId: "floating" }],
    },
    {
      name: "an optional call left floating",
      code: `function f(e) { inngest?.send(e); }`,
      errors: [{ messageId: "floating" }],
    },
    {
      name: "one of two sends unawaited",
      code: `async function f(a, b) { await inngest.send(a); inngest.send(b); }`,
      errors: [{ messageId: "floating", line: 1, column: 49 }],
    },
  ],
});

tester.run("no-nested-steps", rules["no-nested-steps"], {
  valid: [
    {
      name: "steps one after another",
      code: inFunction(`await step.run("a", () => 1);\nawait step.sleep("wait", "5s");\nawait step.run("b", () => 2);`),
    },
    {
      name: "an event sent from the function body",
      code: inFunction(
        `const n = await step.run("a", () => 1);\nawait step.sendEvent("tell", { name: "x", data: { n } });`,
      ),
    },
    {
      name: "plain calls inside a step",
      code: inFunction(
        `await step.run("a", async () => { const rows = await db.select(); return rows.map((r) => r.id); });`,
      ),
    },
    { name: "a step handed a named function", code: inFunction(`await step.run("a", work);`) },
    {
      name: "another object's run inside a step",
      code: inFunction(`await step.run("a", () => runner.run("x", () => 1));`),
    },
  ],
  invalid: [
    {
      name: "step.run inside step.run",
      code: inFunction(`await step.run("outer", async () => {\n  await step.run("inner", () => 1);\n});`),
      errors: [{ messageId: "nested", line: 3 }],
    },
    {
      name: "step.sleep inside step.run",
      code: inFunction(`await step.run("a", async () => { await step.sleep("wait", "5s"); });`),
      errors: [{ messageId: "nested" }],
    },
    {
      name: "step.sendEvent inside step.run",
      code: inFunction(`await step.run("a", async () => { await step.sendEvent("tell", { name: "x" }); });`),
      errors: [{ messageId: "nested" }],
    },
    {
      name: "inngest.send inside step.run",
      code: inFunction(`await step.run("a", async () => { await inngest.send({ name: "x" }); });`),
      errors: [{ messageId: "send" }],
    },
    {
      name: "a step in a callback nested inside step.run",
      code: inFunction(
        `await step.run("a", async function () { await Promise.all(ids.map((id) => step.run(id, () => id))); });`,
      ),
      errors: [{ messageId: "nested" }],
    },
  ],
});

tester.run("no-variable-mutation-in-step", rules["no-variable-mutation-in-step"], {
  valid: [
    {
      name: "the step's result assigned outside it",
      code: inFunction(`let n = 0;\nn = await step.run("a", () => n + 1);`),
    },
    {
      name: "a variable declared inside the callback",
      code: inFunction(`await step.run("a", () => { let n = 0; n += 1; n++; return n; });`),
    },
    {
      name: "a loop counter declared inside the callback",
      code: inFunction(
        `await step.run("a", () => { let total = 0; for (let i = 0; i < 3; i++) total += i; return total; });`,
      ),
    },
    {
      name: "an outer name shadowed inside the callback",
      code: inFunction(`let n = 0;\nawait step.run("a", () => { let n = 1; n++; return n; });`),
    },
    {
      name: "a variable declared in a function inside the callback",
      code: inFunction(`await step.run("a", () => [1, 2].map((x) => { let y = x; y *= 2; return y; }));`),
    },
    {
      name: "an outer variable mutated outside any step",
      code: inFunction(`let n = 0;\nn++;\nawait step.run("a", () => n);`),
    },
    {
      name: "a for…of loop that declares its variable",
      code: inFunction(`let last;\nawait step.run("a", () => { for (const last of [1, 2]) use(last); });`),
    },
    {
      name: "destructuring into names declared inside the callback",
      code: inFunction(`await step.run("a", () => { let a, b; [a, b] = [1, 2]; ({ a } = { a: 3 }); return a + b; });`),
    },
  ],
  invalid: [
    {
      name: "assigning an outer variable",
      code: inFunction(`let result;\nawait step.run("a", async () => { result = await fetchIt(); });`),
      errors: [{ messageId: "mutation", data: { name: "result" } }],
    },
    {
      name: "incrementing an outer variable",
      code: inFunction(`let count = 0;\nawait step.run("a", () => { count++; });`),
      errors: [{ messageId: "mutation", data: { name: "count" } }],
    },
    {
      name: "incrementing as the arrow's body",
      code: inFunction(`let count = 0;\nawait step.run("a", () => count++);`),
      errors: [{ messageId: "mutation", data: { name: "count" } }],
    },
    {
      name: "compound and logical assignment to an outer variable",
      code: inFunction(`let total = 0;\nlet seen;\nawait step.run("a", () => { total += 2; seen ??= true; });`),
      errors: [
        { messageId: "mutation", data: { name: "total" } },
        { messageId: "mutation", data: { name: "seen" } },
      ],
    },
    {
      name: "a module-level variable",
      code: `let calls = 0;\n${inFunction(`await step.run("a", () => { calls += 1; });`)}`,
      errors: [{ messageId: "mutation", data: { name: "calls" } }],
    },
    {
      name: "an outer variable changed in a function inside the callback",
      code: inFunction(`let sum = 0;\nawait step.run("a", () => { [1, 2].forEach((x) => { sum += x; }); });`),
      errors: [{ messageId: "mutation", data: { name: "sum" } }],
    },
    {
      name: "a parameter of the handler",
      code: `inngest.createFunction({ id: "f" }, { event: "e" }, async ({ event, step }) => {\n  await step.run("a", () => { event = null; });\n});`,
      errors: [{ messageId: "mutation", data: { name: "event" } }],
    },
    {
      name: "a for…of loop over an outer variable",
      code: inFunction(`let last;\nawait step.run("a", () => { for (last of [1, 2]) use(last); });`),
      errors: [{ messageId: "mutation", data: { name: "last" } }],
    },
    {
      name: "destructuring into outer variables",
      code: inFunction(`let a, b;\nawait step.run("a", () => { [a, b] = [1, 2]; });`),
      errors: [
        { messageId: "mutation", data: { name: "a" } },
        { messageId: "mutation", data: { name: "b" } },
      ],
    },
    {
      name: "object destructuring into an outer variable, with a default and a rest",
      code: inFunction(`let id, rest;\nawait step.run("a", () => { ({ id = 0, ...rest } = load()); });`),
      errors: [
        { messageId: "mutation", data: { name: "id" } },
        { messageId: "mutation", data: { name: "rest" } },
      ],
    },
  ],
});

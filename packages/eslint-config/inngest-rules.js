// The three rules of @inngest/eslint-plugin, written here because its only release pins
// typescript ~5.5 and @typescript-eslint/utils 6, which clash with this toolchain.

/** `step.run(...)`, `step.sendEvent(...)`, … : a call on an object named `step`. */
const isStepCall = (node) =>
  node.type === "CallExpression" &&
  node.callee.type === "MemberExpression" &&
  node.callee.object.type === "Identifier" &&
  node.callee.object.name === "step";

const isStepRun = (node) =>
  isStepCall(node) && node.callee.property.type === "Identifier" && node.callee.property.name === "run";

/** The callback of the nearest enclosing `step.run`, if any. */
function enclosingStepCallback(node) {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (
      (parent.type === "ArrowFunctionExpression" || parent.type === "FunctionExpression") &&
      parent.parent &&
      isStepRun(parent.parent) &&
      parent.parent.arguments.includes(parent)
    ) {
      return parent;
    }
  }
  return undefined;
}

const isInngestSend = (node) =>
  node.type === "CallExpression" &&
  node.callee.type === "MemberExpression" &&
  node.callee.object.type === "Identifier" &&
  node.callee.object.name === "inngest" &&
  node.callee.property.type === "Identifier" &&
  node.callee.property.name === "send";

/** Nodes that only wrap an expression: `a?.b()`, and TypeScript's `as`, `satisfies` and `!`. */
const WRAPPERS = new Set(["ChainExpression", "TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression"]);

/** `.then(…)`, `.catch(…)`, `.finally(…)` called on `node`: the chain's promise settles after the send. */
const chainedCall = (node) => {
  const member = node.parent;
  const call = member.parent;
  const chained =
    member.type === "MemberExpression" &&
    member.object === node &&
    member.property.type === "Identifier" &&
    ["then", "catch", "finally"].includes(member.property.name) &&
    call.type === "CallExpression" &&
    call.callee === member;
  return chained ? call : undefined;
};

/** `Promise.all([…, node, …])` or `Promise.allSettled(…)`: settles only after every listed promise. */
const combinedCall = (node) => {
  const list = node.parent;
  const call = list.parent;
  const combined =
    list.type === "ArrayExpression" &&
    call.type === "CallExpression" &&
    call.arguments[0] === list &&
    call.callee.type === "MemberExpression" &&
    call.callee.object.type === "Identifier" &&
    call.callee.object.name === "Promise" &&
    call.callee.property.type === "Identifier" &&
    ["all", "allSettled"].includes(call.callee.property.name);
  return combined ? call : undefined;
};

/** The outermost expression whose promise settles only once the send has: what must be awaited. */
function sendPromise(send) {
  let node = send;
  for (;;) {
    const next = WRAPPERS.has(node.parent.type) ? node.parent : (chainedCall(node) ?? combinedCall(node));
    if (!next) return node;
    node = next;
  }
}

const awaitInngestSend = {
  meta: {
    type: "problem",
    schema: [],
    messages: { floating: "Await inngest.send(): an unawaited send can be lost when the process ends." },
  },
  create: (context) => ({
    CallExpression(node) {
      if (!isInngestSend(node)) return;
      const promise = sendPromise(node);
      const parent = promise.parent;
      const handled =
        parent.type === "AwaitExpression" ||
        parent.type === "ReturnStatement" ||
        (parent.type === "ArrowFunctionExpression" && parent.body === promise);
      if (!handled) context.report({ node, messageId: "floating" });
    },
  }),
};

const noNestedSteps = {
  meta: {
    type: "problem",
    schema: [],
    messages: {
      nested: "A step inside step.run never runs as a step: call it from the function body.",
      send: "Inside step.run, send events with step.sendEvent from the function body, not inngest.send.",
    },
  },
  create: (context) => ({
    CallExpression(node) {
      if (!enclosingStepCallback(node)) return;
      if (isStepCall(node)) context.report({ node, messageId: "nested" });
      else if (isInngestSend(node)) context.report({ node, messageId: "send" });
    },
  }),
};

/** The names an assignment target writes: `a`, `[a, b]`, `{ a, b: c = 1, ...rest }`. Properties (`o.a`) are not names. */
function assignedNames(target) {
  switch (target.type) {
    case "Identifier":
      return [target];
    case "ArrayPattern":
      return target.elements.flatMap((element) => (element ? assignedNames(element) : []));
    case "ObjectPattern":
      return target.properties.flatMap((property) =>
        assignedNames(property.type === "Property" ? property.value : property),
      );
    case "RestElement":
      return assignedNames(target.argument);
    case "AssignmentPattern":
      return assignedNames(target.left);
    default:
      return [];
  }
}

const noVariableMutationInStep = {
  meta: {
    type: "problem",
    schema: [],
    messages: {
      mutation:
        "'{{name}}' is declared outside this step: a memoized step does not run again, so the change is lost. Return the value from the step instead.",
    },
  },
  create: (context) => {
    const check = (node, target) => {
      const callback = enclosingStepCallback(node);
      if (!callback) return;
      const [start, end] = callback.range;
      for (const name of assignedNames(target)) {
        let scope = context.sourceCode.getScope(node);
        let variable;
        for (; scope && !variable; scope = scope.upper) variable = scope.set.get(name.name);
        const def = variable?.defs[0]?.node;
        if (def && (def.range[0] < start || def.range[1] > end))
          context.report({ node: name, messageId: "mutation", data: { name: name.name } });
      }
    };
    return {
      AssignmentExpression: (node) => check(node, node.left),
      UpdateExpression: (node) => check(node, node.argument),
      // `for (x of …)` assigns x on each turn; `for (const x of …)` declares it instead.
      "ForOfStatement, ForInStatement": (node) => {
        if (node.left.type !== "VariableDeclaration") check(node, node.left);
      },
    };
  },
};

export const inngestRules = {
  rules: {
    "await-inngest-send": awaitInngestSend,
    "no-nested-steps": noNestedSteps,
    "no-variable-mutation-in-step": noVariableMutationInStep,
  },
};

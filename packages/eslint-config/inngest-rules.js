// The three rules of @inngest/eslint-plugin, written here because its only release pins
// typescript ~5.5 and @typescript-eslint/utils 6, which clash with this toolchain.

/** `step.run(...)`, `step.sendEvent(...)`, … : a call on an object named `step`. */
const isStepCall = (node) =>
  node.type === "CallExpression" &&
  node.callee.type === "MemberExpression" &&
  node.callee.object.type === "Identifier" &&
  node.callee.object.name === "step";

const isStepRun = (node) => isStepCall(node) && node.callee.property.type === "Identifier" && node.callee.property.name === "run";

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

const awaitInngestSend = {
  meta: { type: "problem", messages: { floating: "Await inngest.send(): an unawaited send can be lost when the process ends." } },
  create: (context) => ({
    CallExpression(node) {
      if (!isInngestSend(node)) return;
      const parent = node.parent;
      const handled =
        parent.type === "AwaitExpression" ||
        parent.type === "ReturnStatement" ||
        (parent.type === "ArrowFunctionExpression" && parent.body === node) ||
        (parent.type === "MemberExpression" && parent.object === node);
      if (!handled) context.report({ node, messageId: "floating" });
    },
  }),
};

const noNestedSteps = {
  meta: {
    type: "problem",
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

const noVariableMutationInStep = {
  meta: {
    type: "problem",
    messages: { mutation: "'{{name}}' is declared outside this step: a memoized step does not run again, so the change is lost. Return the value from the step instead." },
  },
  create: (context) => {
    const check = (node, target) => {
      if (target.type !== "Identifier") return;
      const callback = enclosingStepCallback(node);
      if (!callback) return;
      let scope = context.sourceCode.getScope(node);
      let variable;
      for (; scope && !variable; scope = scope.upper) variable = scope.set.get(target.name);
      const def = variable?.defs[0]?.node;
      if (!def) return;
      const [start, end] = callback.range;
      if (def.range[0] < start || def.range[1] > end) context.report({ node, messageId: "mutation", data: { name: target.name } });
    };
    return {
      AssignmentExpression: (node) => check(node, node.left),
      UpdateExpression: (node) => check(node, node.argument),
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

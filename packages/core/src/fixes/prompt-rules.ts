import { inlineCode } from "./pull-request-text.ts";

// The lines every task handed to the agent shares, whether a first fix or a repair.

/** The step that runs the repository's tests. */
export function runTestsStep(testCommand: string | null): string {
  return testCommand
    ? `Run ${inlineCode(testCommand)} and make sure it passes.`
    : "Run the tests that cover the code you changed, if you can find how.";
}

/** The rule naming the protected paths, as a list item on a line of its own; empty when there are none. */
export function denylistRule(pathDenylist: readonly string[]): string {
  return pathDenylist.length > 0
    ? `\n- Do not create, change or delete these paths: ${pathDenylist.map(inlineCode).join(", ")}.`
    : "";
}

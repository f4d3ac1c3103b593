export { createExecutor } from "./create-executor.ts";
/** How the executor signs its calls to the app and what it expects on registration (for tests of an app). */
export { canonicalJson, hashedSigningKey, signatureHeader } from "./signing.ts";
export type {
  EventPayload,
  Executor,
  ExecutorOptions,
  FunctionConfig,
  FunctionTrigger,
  InngestEvent,
  LogFn,
  LogLevel,
  RunInfo,
  RunStatus,
  SerializedError,
} from "./types.ts";

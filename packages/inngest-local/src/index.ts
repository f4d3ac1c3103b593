export { createExecutor } from "./create-executor.ts";
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

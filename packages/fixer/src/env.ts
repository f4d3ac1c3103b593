/**
 * The one reader of this process's raw environment. Every child process — agent, test command,
 * git — gets it only through `sandboxEnv`, which keeps a named few variables and drops the rest.
 */
export function parentEnv(): NodeJS.ProcessEnv {
  return process.env;
}

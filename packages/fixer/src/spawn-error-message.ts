/** Why a process could not be started, in words an operator can act on. */
export function spawnErrorMessage(
  run: { role: string; command: string; runAs?: { uid: number } },
  error: unknown,
): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const what = `${run.role} executable "${run.command}"`;
  const where = run.command.includes("/") ? "" : " on PATH";
  switch (code) {
    case "ENOENT":
      return `${what} not found${where}`;
    case "EACCES":
      return `${what} may not be run${run.runAs ? ` by uid ${run.runAs.uid}` : ""} (permission denied)`;
    case "EPERM":
      return `${what} could not be started as uid ${run.runAs?.uid ?? "?"}: switching users needs root`;
    default:
      return `${what} could not be started: ${(error as Error | undefined)?.message ?? String(error)}`;
  }
}

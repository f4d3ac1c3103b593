// Boot: migrate the database and, on the embedded defaults, start the Inngest executor.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("./server/boot.ts");
  try {
    await boot();
  } catch (error) {
    // A server that cannot reach its database must not sit there answering 500s.
    console.error(`[suture] cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

// Boot: migrate the database and, on the embedded defaults, start the Inngest executor.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("./server/boot.ts");
  await boot();
}

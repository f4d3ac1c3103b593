import { rm } from "node:fs/promises";

/** Deletes a checkout; one that is already gone is fine. */
export async function removeCheckout(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

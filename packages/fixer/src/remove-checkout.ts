import { rm } from "node:fs/promises";
import { checkoutGate } from "./gate.ts";

/** Deletes a checkout, and the private folder `cloneRepository` made around it; one that is already gone is fine. */
export async function removeCheckout(dir: string): Promise<void> {
  await rm(checkoutGate(dir) ?? dir, { recursive: true, force: true });
}

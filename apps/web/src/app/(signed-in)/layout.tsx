import type { ReactNode } from "react";
import { requireUser } from "@/server/session";

export const dynamic = "force-dynamic";

/** Everything in this group needs a session: without one, sign in and come back. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  await requireUser();
  return children;
}

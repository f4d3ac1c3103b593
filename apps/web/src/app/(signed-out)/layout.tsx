import type { ReactNode } from "react";
import { Brand } from "@/components/brand";

export const dynamic = "force-dynamic";

/** Sign-in and first-run setup: a card in the middle of the page, no navigation. */
export default function SignedOutLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-6 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <Brand tagline={false} />
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
      </div>
    </main>
  );
}

import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Suture",
  description: "Production errors to reviewed fixes",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-7xl items-center gap-3 px-6 py-4">
            <span
              aria-hidden
              className="grid size-8 place-items-center rounded-lg bg-slate-900 text-sm font-bold text-white"
            >
              S
            </span>
            <span className="text-lg font-semibold tracking-tight">Suture</span>
            <span className="text-sm text-slate-500">Sentry errors → reviewed fixes</span>
          </div>
        </header>
        <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
      </body>
    </html>
  );
}

import type { Metadata } from "next";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { ReactNode } from "react";
import { Toaster } from "sonner";
import "./globals.css";

export const metadata: Metadata = {
  title: "Suture",
  description: "Production errors to reviewed fixes",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <NuqsAdapter>{children}</NuqsAdapter>
        {/* One place for the toast each action shows; it follows the system's light or dark. */}
        <Toaster theme="system" position="bottom-right" richColors closeButton />
      </body>
    </html>
  );
}

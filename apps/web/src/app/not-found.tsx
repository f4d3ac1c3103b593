import Link from "next/link";
import { Brand } from "@/components/brand";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <Brand tagline={false} />
      <section className="mt-8 rounded-xl border border-slate-200 bg-white p-6">
        <h1 className="text-lg font-semibold">Not found</h1>
        <p className="mt-2 text-sm text-slate-600">
          There is nothing here, or it belongs to a workspace you are not a member of.
        </p>
        <Link href="/" className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:underline">
          Back to your workspaces
        </Link>
      </section>
    </main>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { setupTokenValid } from "@suture/core";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up · Suture" };

/** First run: the one-time link printed at boot creates the first admin, then stops working. */
export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  if (!token || !(await setupTokenValid(token))) {
    return (
      <>
        <h1 className="text-lg font-semibold">This setup link does not work</h1>
        <p className="mt-2 text-sm text-slate-600">
          It was already used, or it is not the one the server printed when it started. Once the first admin exists,
          people sign in, and admins add others.
        </p>
        <Link href="/sign-in" className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:underline">
          Go to sign in
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="text-lg font-semibold">Create the first admin</h1>
      <p className="mt-1 text-sm text-slate-500">
        This account administers every workspace. The link stops working once it exists.
      </p>
      <SetupForm token={token} />
    </>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { githubSignIn } from "@suture/core";
import { currentUser, safeNext } from "@/server/session";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in · Suture" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; error?: string }>;
}) {
  const { next, error } = await searchParams;
  const target = safeNext(next);
  if (await currentUser()) redirect(target);
  return (
    <>
      <h1 className="text-lg font-semibold">Sign in</h1>
      <p className="mt-1 text-sm text-slate-500">to see your workspaces&apos; errors and fix runs.</p>
      {error ? (
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error === "signup_disabled" || error === "unable_to_create_user"
            ? "No Suture user has that GitHub account's email. Ask an admin to add you first."
            : "GitHub sign-in did not complete. Try again."}
        </p>
      ) : null}
      <SignInForm next={target} github={githubSignIn} />
    </>
  );
}

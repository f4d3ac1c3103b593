import { redirect } from "next/navigation";
import { Brand } from "@/components/brand";
import { SignOutButton } from "@/components/sign-out-button";
import { myWorkspaces, requireUser } from "@/server/session";

/** `/`: the Issues page of the first of the user's workspaces; a user who is a member of none is told so. */
export default async function HomePage() {
  const user = await requireUser();
  const [first] = await myWorkspaces();
  if (first) redirect(`/${encodeURIComponent(first.slug)}/issues`);
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <Brand tagline={false} />
      <section className="mt-8 rounded-xl border border-slate-200 bg-white p-6">
        <h1 className="text-lg font-semibold">No workspace yet</h1>
        <p className="mt-2 text-sm text-slate-600">
          You are signed in as <strong>{user.email}</strong>, but you are not a member of any workspace. Ask an admin of
          a workspace to add you on its Members page, or from a shell on the server:
        </p>
        <pre className="mt-4 overflow-x-auto rounded-lg bg-slate-900 p-4 font-mono text-sm text-slate-100">
          pnpm suture user create --email {user.email} --role viewer --workspace SLUG
        </pre>
        <div className="mt-4">
          <SignOutButton />
        </div>
      </section>
    </main>
  );
}

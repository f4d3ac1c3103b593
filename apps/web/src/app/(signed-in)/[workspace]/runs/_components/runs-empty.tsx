import Link from "next/link";

/** No runs (in this group): what would make one. */
export function RunsEmpty({ base, filtered }: { base: string; filtered: boolean }) {
  return (
    <section
      aria-labelledby="runs-empty-title"
      className="rounded-xl border border-dashed border-slate-300 bg-white p-8"
    >
      <h2 id="runs-empty-title" className="text-lg font-semibold">
        {filtered ? "No runs in this group" : "No fix runs yet"}
      </h2>
      {filtered ? (
        <p className="mt-2 text-sm text-slate-600">
          Try another status, or{" "}
          <Link href={`${base}/runs`} className="font-medium text-indigo-700 hover:underline">
            see every run
          </Link>
          .
        </p>
      ) : (
        <p className="mt-2 max-w-2xl text-sm text-slate-600">
          A run opens when a new or regressed Sentry issue arrives in a workspace with a repository connected. Connect
          one in{" "}
          <Link href={`${base}/settings`} className="font-medium text-indigo-700 hover:underline">
            Settings
          </Link>
          , or pick an issue on the{" "}
          <Link href={`${base}/issues`} className="font-medium text-indigo-700 hover:underline">
            Issues
          </Link>{" "}
          page. Runs that Sentry&apos;s Seer makes show up here too.
        </p>
      )}
    </section>
  );
}

"use client";

export default function WorkspaceError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6 text-red-800">
      <h1 className="text-lg font-semibold">This page could not be loaded</h1>
      <p className="mt-2 text-sm">
        Something failed on the server{error.digest ? ` (reference ${error.digest})` : ""}. The server log has the
        details.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-500"
      >
        Try again
      </button>
    </section>
  );
}

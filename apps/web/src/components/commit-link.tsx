/** A short commit sha, linked to GitHub when core gave a safe link (an https: URL on the configured GitHub). */
export function CommitLink({ sha, url }: { sha: string; url: string | null }) {
  return url ? (
    <a href={url} className="font-mono text-xs text-indigo-700 hover:underline" rel="noreferrer" target="_blank">
      {sha}
    </a>
  ) : (
    <span className="font-mono text-xs text-slate-600">{sha}</span>
  );
}

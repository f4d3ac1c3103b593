/** Where to go after signing in: only a path of this site, never another origin (`//evil.example`, `https://…`). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}

/** The sign-in page, with where to come back to. */
export function signInUrl(next: string | null | undefined): string {
  const target = safeNext(next);
  return target === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(target)}`;
}

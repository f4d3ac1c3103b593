/** Signs in through better-auth's endpoint (rate limited there); says why not in words. */
export async function signInWithPassword(email: string, password: string): Promise<string | null> {
  const response = await fetch("/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  }).catch(() => null);
  if (!response) return "The server could not be reached.";
  if (response.ok) return null;
  if (response.status === 429) {
    const wait = response.headers.get("x-retry-after");
    return `Too many attempts. Try again in ${wait ?? "a few"} seconds.`;
  }
  if (response.status === 401 || response.status === 400) return "That email and password do not match.";
  return `Sign-in failed (${response.status}).`;
}

/** Where better-auth sends the browser to sign in with GitHub; null when it cannot say. */
export async function githubSignInUrl(next: string): Promise<string | null> {
  const response = await fetch("/api/auth/sign-in/social", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ provider: "github", callbackURL: next, errorCallbackURL: "/sign-in" }),
  }).catch(() => null);
  const body: unknown = response?.ok ? await response.json() : null;
  return typeof body === "object" && body !== null && "url" in body && typeof body.url === "string" && body.url
    ? body.url
    : null;
}

// GET|POST /api/auth/* — better-auth: email and password sign-in (rate limited), GitHub sign-in
// and its callback, the session, sign-out. Open to everyone; it is how one gets a session.
import { handleAuthRequest } from "@suture/core";

export const dynamic = "force-dynamic";

export const GET = handleAuthRequest;
export const POST = handleAuthRequest;

import { verify } from "@octokit/webhooks-methods";

/**
 * Checks `X-Hub-Signature-256` against the raw body. Never throws: a missing, empty or
 * malformed signature is simply not valid.
 */
export async function verifyGithubSignature(
  secret: string,
  rawBody: string,
  signature: string | null,
): Promise<boolean> {
  if (!secret || !rawBody || !signature || !/^sha256=[0-9a-f]{64}$/i.test(signature.trim())) return false;
  try {
    return await verify(secret, rawBody, signature.trim().toLowerCase());
  } catch {
    return false;
  }
}

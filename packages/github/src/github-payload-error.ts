/** A GitHub delivery whose JSON is not shaped like the event it claims to be. */
export class GithubPayloadError extends Error {
  override readonly name = "GithubPayloadError";
  constructor(
    readonly event: string,
    readonly action: string,
    readonly problems: string[],
  ) {
    super(`${action ? `${event}.${action}` : event} payload is malformed: ${problems.join("; ")}`);
  }
}

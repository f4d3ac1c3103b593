/** What went wrong in a GitHub call, in words: GitHub's message plus its validation details. */
export function describeGithubError(error: unknown): { error: string; httpStatus?: number } {
  if (!(error instanceof Error)) return { error: String(error) };
  const status = (error as { status?: unknown }).status;
  const data = (error as { response?: { data?: unknown } }).response?.data;
  const httpStatus = typeof status === "number" && status > 0 ? status : undefined;
  if (data && typeof data === "object" && typeof (data as { message?: unknown }).message === "string") {
    const { message, errors } = data as { message: string; errors?: unknown };
    const details = Array.isArray(errors) ? errors.map(describeDetail).filter(Boolean) : [];
    const text = details.length > 0 ? `${message}: ${details.join("; ")}` : message;
    return httpStatus ? { error: text, httpStatus } : { error: text };
  }
  return httpStatus ? { error: error.message, httpStatus } : { error: error.message };
}

function describeDetail(detail: unknown): string {
  if (typeof detail === "string") return detail;
  if (!detail || typeof detail !== "object") return "";
  const { message, field, code } = detail as { message?: unknown; field?: unknown; code?: unknown };
  if (typeof message === "string") return message;
  return [field, code].filter((v) => typeof v === "string").join(" ");
}

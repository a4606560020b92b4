/**
 * Calling the JSON API from the browser (same-origin cookie; the browser sends the Origin the
 * server checks on writes). Every failure comes back as one readable message, taken from the
 * API's `{ error: { message } }` shape when there is one.
 */
export type ApiResult<T> = { ok: true; status: number; body: T } | { ok: false; status: number; message: string; aborted?: boolean };

export function apiErrorMessage(body: unknown, status: number): string {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  if (typeof message === "string" && message) return message;
  return `The server answered ${status}; nothing was changed. Try again.`;
}

export async function callApi<T>(
  path: string,
  options: { method?: "GET" | "POST"; body?: unknown; signal?: AbortSignal } = {},
): Promise<ApiResult<T>> {
  const method = options.method ?? "GET";
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { Accept: "application/json", ...(options.body !== undefined ? { "Content-Type": "application/json" } : {}) },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      credentials: "same-origin",
      cache: "no-store",
      signal: options.signal,
    });
  } catch (error) {
    if ((error as { name?: string } | null)?.name === "AbortError") return { ok: false, status: 0, message: "", aborted: true };
    return { ok: false, status: 0, message: "The request did not reach the server (network error); try again." };
  }
  const text = await res.text().catch(() => "");
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) return { ok: false, status: res.status, message: apiErrorMessage(body, res.status) };
  return { ok: true, status: res.status, body: body as T };
}

/**
 * The browser side of the JSON API (/api/v1), for pages that edit without a navigation (the
 * review grid, the rule editor): the same endpoints, guard and error shape as any client.
 */
export interface Reply {
  status: number;
  body: any;
}

/** Never throws: a network failure is status 0 with a message saying nothing was saved. */
export async function sendJson(method: string, path: string, body?: unknown): Promise<Reply> {
  try {
    const res = await fetch(path, {
      method,
      headers: { Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (a proxy's error page): the status says enough.
    }
    return { status: res.status, body: json };
  } catch {
    return { status: 0, body: { error: { message: "The server could not be reached; nothing was saved." } } };
  }
}

/** The API's own message (`{ error: { message } }`), or the status. */
export function replyError(reply: Reply): string {
  return reply.body?.error?.message ?? `HTTP ${reply.status}`;
}

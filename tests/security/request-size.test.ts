/**
 * Request bodies, against the running server: a route reads its form or JSON body whole before
 * its guard runs, so a body larger than any form (anonymous, to /login) is refused by its
 * declared length before a byte of it is read — it once took the web process from 250 MB to
 * 2.4 GB — and a chunked body with no length is refused too. Statement uploads stream and are
 * not affected (pipeline tests).
 */
import net from "node:net";
import { describe, expect, it } from "vitest";
import { baseUrl } from "../support/fixtures.ts";

/** Sends only the request's head (no body at all) and returns the status line and body of the answer. */
function headOnly(lines: string[]): Promise<{ status: number; body: string }> {
  const url = new URL(baseUrl());
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () => {
      socket.write(`${lines.join("\r\n")}\r\nHost: ${url.host}\r\nOrigin: ${url.origin}\r\n\r\n`);
    });
    let answer = "";
    socket.setEncoding("utf8");
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer within 10 s: the server is waiting for the body (${answer.length} bytes so far)`)));
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      resolve({ status, body: answer.slice(answer.indexOf("\r\n\r\n") + 4) });
    });
  });
}

describe("request bodies", () => {
  it("a 300 MB form to /login is refused (413) before its body is sent, and the connection is closed", async () => {
    const { status, body } = await headOnly(["POST /login HTTP/1.1", "Content-Type: application/x-www-form-urlencoded", `Content-Length: ${300 * 1024 * 1024}`]);
    expect(status).toBe(413);
    expect(JSON.parse(body)).toEqual({
      error: { code: "payload_too_large", message: "This request was refused: this request's body is 300 MB; requests other than statement uploads may carry up to 4 MB." },
    });
  });

  it("a chunked JSON body with no length is refused (411) on the API", async () => {
    const { status, body } = await headOnly(["POST /api/v1/session HTTP/1.1", "Content-Type: application/json", "Transfer-Encoding: chunked"]);
    expect(status).toBe(411);
    expect(JSON.parse(body).error.code).toBe("length_required");
  });

  it("a form of ordinary size still reaches its route", async () => {
    const res = await fetch(`${baseUrl()}/login`, {
      method: "POST",
      headers: { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=nobody%40example.test&password=wrong",
      redirect: "manual",
    });
    expect([200, 400, 401, 429]).toContain(res.status);
  });
});

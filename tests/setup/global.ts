/**
 * One throwaway environment for the integration and browser tests, on the real services:
 * a fresh PostgreSQL database (migrated with Prisma Migrate), an s3rver on a free port, a
 * BullMQ prefix of its own in Redis, and the app itself — started by the same launcher as
 * `npm start` (app/server/start.ts) in a child process, which also seeds the demo tenant and
 * runs a statement worker. Everything is removed afterwards (KEEP_TEST_DB=1 keeps the
 * database for inspection).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    testEnv: Record<string, string>;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function startApp(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "app/server/start.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start within 90 s:\n${output}`)), 90_000);
    child.stdout!.on("data", () => {
      if (output.includes("web server on http://")) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited (code ${code}) before it was ready:\n${output}`));
    });
  });
}

export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const databaseUrl = process.env.TEST_DATABASE_URL ?? `postgresql://postgres@127.0.0.1:5432/cashline_test_${runId}`;
  const s3Dir = await mkdtemp(path.join(os.tmpdir(), "cashline-s3-"));

  const { startEmbeddedS3 } = await import("../../app/services/storage.server.ts");
  const s3 = await startEmbeddedS3({ port: 0, directory: s3Dir, bucket: "cashline-test" });
  const port = await freePort();

  const testEnv: Record<string, string> = {
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: "cashline-test",
    QUEUE_PREFIX: `cashline-test-${runId}`,
    UPLOAD_MAX_BYTES: String(2 * 1024 * 1024),
    UPLOAD_MAX_WHOLE_BYTES: String(1024 * 1024),
    // Every test signs in from 127.0.0.1: only the throttle test may trip the per-address limit.
    LOGIN_MAX_FAILURES_PER_ADDRESS: "200",
    DEMO_PASSWORD: "demo-password-for-tests",
    // The demo admin's authenticator secret: tests compute its codes (fixtures, browser sign-in).
    DEMO_TOTP_SECRET: "KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD",
    WORKER_CONCURRENCY: "2",
    // Tiny posting batches, so every import in the tests crosses batch boundaries.
    IMPORT_BATCH_ROWS: "3",
    // The categorizing thread on, so large test imports go through it (small chunks stay in place).
    IMPORT_CATEGORIZE_THREAD: "on",
    PORT: String(port),
    HOST: "127.0.0.1",
    // Node 20 is this project's pinned runtime (docs/toolchain.md); the SDK's notice about its
    // 2027 support window is for operators, not noise for every test file.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  Object.assign(process.env, testEnv);
  const { ensureDatabase, dropDatabase } = await import("../../app/server/database-setup.ts");
  await ensureDatabase(databaseUrl);

  const app = await startApp({ ...process.env, ...testEnv });
  project.provide("baseUrl", `http://127.0.0.1:${port}`);
  project.provide("testEnv", testEnv);

  return async () => {
    const exited = new Promise((resolve) => app.child.once("exit", resolve));
    app.child.kill("SIGTERM");
    const killTimer = setTimeout(() => app.child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(killTimer);
    if (process.env.SHOW_APP_LOG) console.log(app.output());
    const { statementQueue, closeQueue } = await import("../../app/services/queue.server.ts");
    await statementQueue().obliterate({ force: true }).catch(() => undefined);
    await closeQueue();
    await s3.close();
    await rm(s3Dir, { recursive: true, force: true });
    if (!process.env.KEEP_TEST_DB && !process.env.TEST_DATABASE_URL) await dropDatabase(databaseUrl);
  };
}

/**
 * `npm start`: everything a machine needs to run Cashline, in one process.
 *  1. the embedded S3 (s3rver) unless S3_ENDPOINT is set (never in production);
 *  2. the database: created if missing (development), migrated;
 *  3. the demo tenant (development, or SEED_DEMO=1);
 *  4. the web server and a statement worker (START_WORKER=0 to run workers separately).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { runStatementWorker } from "../../workers/statement-worker.ts";
import { config, DEV_DEMO_PASSWORD } from "../services/config.server.ts";
import { disconnectDb } from "../services/db.server.ts";
import { closeQueue } from "../services/queue.server.ts";
import { closeLoginThrottle } from "../services/throttle.server.ts";
import { ensureBucket, startEmbeddedS3 } from "../services/storage.server.ts";
import { ensureDatabase, migrateDatabase } from "./database-setup.ts";
import { DEMO_USERS, demoAdminTotp, seedDemo } from "./demo-seed.ts";
import { createWebApp } from "./http.ts";

const log = (message: string) => console.log(`[cashline] ${message}`);

async function main(): Promise<void> {
  const cfg = config();
  const closers: (() => Promise<unknown>)[] = [];

  if (cfg.s3.embedded) {
    const s3 = await startEmbeddedS3({ port: cfg.s3.embeddedPort, directory: cfg.s3.embeddedDir, bucket: cfg.s3.bucket });
    closers.push(s3.close);
    log(`embedded S3 (s3rver) at ${s3.endpoint}, data in ${path.resolve(cfg.s3.embeddedDir)}`);
  }
  if (!cfg.production) {
    if (await ensureDatabase(cfg.databaseUrl)) log("created the development database");
    await ensureBucket();
  }
  await migrateDatabase(cfg.databaseUrl);
  log("database migrated");

  const seed = !cfg.production || process.env.SEED_DEMO === "1";
  const startWorker = process.env.START_WORKER !== "0";
  if (startWorker) {
    const worker = runStatementWorker();
    closers.push(() => worker.close());
  }
  if (seed) {
    const { uploaded } = await seedDemo();
    log(`demo tenant "Demo Co" ready${uploaded ? ` (${uploaded} demo statements queued)` : ""}`);
  }

  const buildPath = path.resolve("build/index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const server = createWebApp(build).listen(cfg.port, cfg.host);
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  closers.push(() => new Promise((resolve) => server.close(resolve)));

  log(`web server on http://${cfg.host === "0.0.0.0" ? "localhost" : cfg.host}:${cfg.port}`);
  if (!startWorker) log("START_WORKER=0: run `npm run worker` for statement processing");
  if (seed && !cfg.production) {
    const password = cfg.demoPassword === DEV_DEMO_PASSWORD ? `${cfg.demoPassword} (default; set DEMO_PASSWORD to change)` : "(from DEMO_PASSWORD)";
    log("demo logins:");
    for (const u of DEMO_USERS) log(`  ${u.email.padEnd(20)} ${u.role.padEnd(10)} password ${password}`);
    // Admins must use two-factor sign-in: the demo admin's authenticator secret, to add to an
    // app (or compute a code from) — development only, like the password above.
    const totp = await demoAdminTotp();
    if (totp) {
      log(`  admin@demo.test two-factor secret ${totp.secret}${process.env.DEMO_TOTP_SECRET ? " (from DEMO_TOTP_SECRET)" : " (generated once; set DEMO_TOTP_SECRET to choose it)"}`);
      log(`  ${totp.otpauthUri}`);
    }
  }

  const shutdown = async (signal: string) => {
    log(`${signal}: shutting down`);
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await closeQueue().catch(() => undefined);
    await closeLoginThrottle();
    await disconnectDb();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  console.error("[cashline] could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});

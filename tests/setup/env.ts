// Each test file sees the environment the global setup created (database, S3, queue prefix),
// and closes the pools it opened so the test worker can exit.
import { afterAll, inject } from "vitest";

Object.assign(process.env, inject("testEnv"));

afterAll(async () => {
  const { disconnectDb } = await import("~/services/db.server");
  const { closeQueue } = await import("~/services/queue.server");
  const { closeStorage } = await import("~/services/storage.server");
  await Promise.all([disconnectDb(), closeQueue()]);
  closeStorage();
});

import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(import.meta.dirname, "app") };

// Two projects: pure domain code (no services needed), and everything that talks to the real
// PostgreSQL, Redis, s3rver and Chromium, which shares one throwaway environment
// (tests/setup/global.ts: a fresh database, an s3rver, the web server and a worker).
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["app/domain/**/*.test.ts", "app/cli/**/*.test.ts", "app/components/**/*.test.ts", "tests/corpus/**/*.test.ts"],
          environment: "node",
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["app/services/**/*.test.ts", "app/routes/**/*.test.ts", "workers/**/*.test.ts", "tests/**/*.test.ts"],
          exclude: ["tests/corpus/**"],
          environment: "node",
          globalSetup: ["tests/setup/global.ts"],
          setupFiles: ["tests/setup/env.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One shared database and server: files run in parallel, but tests that need
          // isolation create their own tenants.
          fileParallelism: true,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

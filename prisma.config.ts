// Prisma CLI configuration: the JS (WASM) schema engine through our patched pg adapter, so
// `prisma migrate …` never downloads a native engine (see prisma/pg-adapter.ts).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createPgAdapter } from "./prisma/pg-adapter.ts";
import { ownerDatabaseUrl } from "./prisma/database-url.ts";

// The schema's datasource reads env("DATABASE_URL"); it must resolve when the CLI loads the
// schema or the CLI falls back to downloading an engine — so give it the dev default.
process.env.DATABASE_URL = ownerDatabaseUrl();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return createPgAdapter({ connectionString: ownerDatabaseUrl(), max: 2, applicationName: "cashline-migrate" });
  },
});

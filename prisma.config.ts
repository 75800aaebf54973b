import { defineConfig } from "prisma/config";

// The CLI is only used for `prisma generate`, which needs no database.
// Migrations are created and applied by scripts/db.ts with the WASM schema engine (works offline).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});

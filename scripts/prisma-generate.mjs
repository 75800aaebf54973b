// `prisma generate` needs no schema engine, but the CLI still tries to download one, which fails on
// machines that reach only the npm registry. Pointing PRISMA_SCHEMA_ENGINE_BINARY at a stub skips that.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const stubDir = path.resolve("node_modules/.cache/omni-studio");
const stub = path.join(stubDir, "schema-engine-stub");
mkdirSync(stubDir, { recursive: true });
writeFileSync(
  stub,
  "#!/bin/sh\necho 'schema engine stub: migrations run through scripts/db.ts' >&2\nexit 1\n",
  {
    mode: 0o755,
  },
);

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= stub;
const bin = path.resolve("node_modules/prisma/build/index.js");
const result = spawnSync(process.execPath, [bin, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);

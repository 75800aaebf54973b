// `npm start`: validate configuration, build when the sources changed since the last build, then serve.
// Migrations are applied by the server itself when it opens the database.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, parseConfig } from "../lib/config/env";

const root = process.cwd();
const stampFile = path.join(root, ".next", "omni-source-hash");
const sourceRoots = ["app", "components", "lib", "public", "prisma/schema.prisma", "package-lock.json"];
const configFiles = ["next.config.mjs", "tailwind.config.ts", "postcss.config.mjs", "tsconfig.json"];

function* walk(p: string): Generator<string> {
  if (!existsSync(p)) return;
  if (statSync(p).isFile()) {
    yield p;
    return;
  }
  for (const entry of readdirSync(p, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name.startsWith(".")) continue;
    yield* walk(path.join(p, entry.name));
  }
}

function sourceHash() {
  const hash = createHash("sha256");
  const files = [...sourceRoots, ...configFiles].flatMap((p) => [...walk(path.join(root, p))]).sort();
  for (const file of files) {
    if (file.endsWith(".test.ts")) continue;
    hash.update(path.relative(root, file));
    hash.update(readFileSync(file));
  }
  return hash.digest("hex");
}

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`Omni Studio cannot start.\n${err.message}`);
    process.exit(1);
  }
  throw err;
}

const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const hash = sourceHash();
const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stampFile);
if (!built || readFileSync(stampFile, "utf8") !== hash) {
  console.log("Building Omni Studio (first start, or the sources changed)...");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(stampFile, hash);
}

console.log(
  `Starting on http://localhost:${config.port} (provider: ${config.provider}, database: ${config.databaseUrl ? "PostgreSQL" : `embedded, in ${config.pgliteDir}`})`,
);
const server = spawn(process.execPath, [nextBin, "start", "-p", String(config.port)], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

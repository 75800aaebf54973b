// `npm start`: validate configuration, build when the sources changed since the last build, then serve.
// Runs under the react-server condition (see package.json), as lib/config/env.ts is server-only.
// Migrations are applied by the server itself when it opens the database.
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, parseConfig } from "../lib/config/env";
import { launch, serverEnv } from "./server-launch";
import { buildIsCurrent, buildStampFile, sourceHash } from "./source-hash";

const root = process.cwd();

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
if (!buildIsCurrent(root)) {
  console.log("Building Omni Studio (first start, or the sources changed)...");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(buildStampFile(root), sourceHash(root));
}

const { args, url, note } = launch(root, config);
console.log(
  `Starting on ${url}${note} (provider: ${config.provider}, database: ${config.databaseUrl ? "PostgreSQL" : `embedded, in ${config.pgliteDir}`})`,
);
const server = spawn(process.execPath, args, {
  stdio: "inherit",
  env: serverEnv(process.env),
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

// Several studio instances on one fresh PostgreSQL database behind a real nginx running the committed
// deploy/nginx.conf: what the `cluster` e2e project (e2e/cluster/) and the cluster benchmark run, and
// `npx tsx scripts/cluster.ts` for a person. Each instance is started the one way every studio is
// (startStudioProcess), in a process group of its own, named by STUDIO_INSTANCE (its answers carry
// X-Studio-Instance), trusting nginx's X-Forwarded-For (TRUSTED_PROXIES). Everything is stopped by
// process group, and the database is dropped.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { renderNginxConf } from "@/scripts/nginx-conf";
import { precompress } from "@/scripts/precompress";
import { POSTGRES_URL } from "./postgres";
import { type StudioProcess, startStudioProcess } from "./studio-process";

export const NGINX_BIN = process.env.NGINX_BIN ?? "/usr/sbin/nginx";

export interface ClusterInstance {
  /** Its STUDIO_INSTANCE, e.g. "studio-1": the X-Studio-Instance header of its answers. */
  name: string;
  studio: StudioProcess;
}

export interface ClusterOptions {
  /** Studio instances, one port each. */
  studioPorts: number[];
  /** Where nginx listens (127.0.0.1); null starts no nginx (the benchmark's "one instance alone"). */
  nginxPort: number | null;
  /** Provider settings and the like, for every instance. */
  env?: Record<string, string>;
  /**
   * Where media is kept, for every instance. Default: nothing, so every instance keeps media in the one
   * shared data folder below (DATA_DIR, fine on one machine or a shared volume). Object storage is one
   * line here: its variables (STORAGE_URL and the rest) once the S3 driver lands.
   */
  storageEnv?: Record<string, string>;
  /** PostgreSQL to make the cluster's database on (default: the tests' server, TEST_DATABASE_URL). */
  postgresUrl?: string;
  cwd?: string;
  /** Runs on the fresh database and data folder before any instance starts (e.g. seeding a history). */
  beforeStart?: (setup: { databaseUrl: string; dataDir: string }) => Promise<void>;
}

export interface Cluster {
  /** nginx's address (the first instance's when no nginx was started). */
  url: string;
  instances: ClusterInstance[];
  /** The shared data folder. */
  dataDir: string;
  databaseUrl: string;
  instance(name: string): ClusterInstance;
  /** nginx's access log so far (each line names the instance that answered: upstream=host:port). */
  accessLog(): string;
  /** Stops one instance (SIGKILL: as a machine that dies), with everything it started. */
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

/** nginx in the foreground in its own process group, with its pid, temp files and log under `prefix`. */
export async function startNginx(
  prefix: string,
  conf: string,
  port: number,
): Promise<{ child: ChildProcess; output: () => string }> {
  mkdirSync(path.join(prefix, "temp"), { recursive: true });
  const confPath = path.join(prefix, "nginx.conf");
  writeFileSync(confPath, conf);
  const child = spawn(NGINX_BIN, ["-p", `${prefix}/`, "-c", confPath, "-e", "stderr", "-g", "daemon off;"], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited while starting:\n${log}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return { child, output: () => log };
    if (Date.now() > deadline) {
      killGroup(child, "SIGKILL");
      throw new Error(`nginx did not answer in time:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export async function stopNginx(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  killGroup(child, "SIGQUIT"); // graceful: finishes open requests, then the workers and master exit
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
  killGroup(child, "SIGKILL"); // a worker left behind, if any
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const cwd = options.cwd ?? process.cwd();
  const adminUrl = options.postgresUrl ?? POSTGRES_URL;
  const dbName = `cluster_${randomBytes(5).toString("hex")}`;
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const databaseUrl = u.toString();
  const root = mkdtempSync(path.join(os.tmpdir(), "omni-cluster-"));
  const dataDir = path.join(root, "data");
  const instances: ClusterInstance[] = [];
  let nginx: { child: ChildProcess; output: () => string } | undefined;

  const stop = async () => {
    if (nginx) await stopNginx(nginx.child);
    await Promise.all(instances.map((i) => i.studio.stop()));
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
    rmSync(root, { recursive: true, force: true });
  };

  await adminQuery(adminUrl, `CREATE DATABASE "${dbName}"`);
  try {
    await options.beforeStart?.({ databaseUrl, dataDir });
    const start = (port: number, i: number) =>
      startStudioProcess({
        port,
        dataDir,
        cwd,
        processGroup: true,
        env: {
          DATABASE_URL: databaseUrl,
          STUDIO_INSTANCE: `studio-${i + 1}`,
          // nginx is on this machine: its X-Forwarded-For names the client.
          TRUSTED_PROXIES: "127.0.0.1/32",
          ...options.env,
          ...options.storageEnv,
        },
      }).then((studio) => instances.push({ name: `studio-${i + 1}`, studio }));
    // The first applies the migrations; the others start on a database that has them.
    const [first, ...rest] = options.studioPorts;
    if (first === undefined) throw new Error("a cluster needs at least one studio port");
    await start(first, 0);
    await Promise.all(rest.map((port, i) => start(port, i + 1)));
    instances.sort((a, b) => a.name.localeCompare(b.name));
    if (options.nginxPort !== null) {
      const staticDir = path.join(path.resolve(cwd), ".next", "static");
      // npm run build has done it; a build made by `next build` alone gets it here (a no-op when current).
      await precompress(staticDir);
      const conf = renderNginxConf({
        listen: `127.0.0.1:${options.nginxPort}`,
        upstreams: options.studioPorts.map((p) => `127.0.0.1:${p}`),
        staticDir,
      });
      nginx = await startNginx(path.join(root, "nginx"), conf, options.nginxPort);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const accessLogPath = path.join(root, "nginx", "access.log");
  const instanceNamed = (name: string) => {
    const found = instances.find((i) => i.name === name);
    if (!found) throw new Error(`no instance ${name}`);
    return found;
  };
  return {
    url:
      options.nginxPort !== null
        ? `http://127.0.0.1:${options.nginxPort}`
        : (instances[0] as ClusterInstance).studio.url,
    instances,
    dataDir,
    databaseUrl,
    instance: instanceNamed,
    accessLog: () => (existsSync(accessLogPath) ? readFileSync(accessLogPath, "utf8") : ""),
    async kill(name, signal = "SIGKILL") {
      await instanceNamed(name).studio.stop(signal);
    },
    stop,
  };
}

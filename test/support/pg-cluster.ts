// A private, throwaway PostgreSQL cluster (initdb + pg_ctl) that a test may stop and start at will, unlike
// the machine's shared one other test files are using. Run as root, the tools run as the `postgres` user
// (initdb refuses root).
import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PgTools {
  bin: string;
  /** Run the tools as this user (when we are root), else as ourselves. */
  asUser?: { name: string; uid: number; gid: number };
}

/** initdb and pg_ctl, or the reason they cannot be used here. */
export function findPgTools(): PgTools | { missing: string } {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : existsSync("/usr/lib/postgresql")
      ? readdirSync("/usr/lib/postgresql")
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  const bin = candidates.find(
    (d) => existsSync(path.join(d, "initdb")) && existsSync(path.join(d, "pg_ctl")),
  );
  if (!bin) return { missing: "initdb/pg_ctl not found (set PG_BIN to their folder)" };
  if (process.getuid?.() !== 0) return { bin };
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    if (!existsSync("/usr/sbin/runuser") && !existsSync("/sbin/runuser"))
      return { missing: "runuser not found" };
    return { bin, asUser: { name: "postgres", uid, gid } };
  } catch {
    return { missing: "running as root and there is no postgres user to run initdb as" };
  }
}

export interface PrivateCluster {
  port: number;
  /** postgresql://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** A clean, fast shutdown (what `systemctl stop postgresql` does): every connection is closed. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster if it runs and deletes its folder. */
  destroy(): Promise<void>;
  log(): string;
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startPrivateCluster(tools: PgTools): Promise<PrivateCluster> {
  const root = mkdtempSync(path.join(os.tmpdir(), "omni-pg-"));
  const dataDir = path.join(root, "data");
  const logFile = path.join(root, "server.log");
  if (tools.asUser) chownSync(root, tools.asUser.uid, tools.asUser.gid);
  const tool = (name: string, args: string[]) =>
    tools.asUser
      ? run("runuser", ["-u", tools.asUser.name, "--", path.join(tools.bin, name), ...args])
      : run(path.join(tools.bin, name), args);

  await tool("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`;
  let running = false;
  const cluster: PrivateCluster = {
    port,
    url: (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await tool("pg_ctl", ["-D", dataDir, "-o", options, "-l", logFile, "-w", "-t", "60", "start"]);
      running = true;
    },
    async stop() {
      await tool("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "-t", "60", "stop"]);
      running = false;
    },
    async destroy() {
      if (running) await tool("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]).catch(() => {});
      rmSync(root, { recursive: true, force: true });
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : ""),
  };
  try {
    await cluster.start();
  } catch (err) {
    await cluster.destroy();
    throw err;
  }
  return cluster;
}

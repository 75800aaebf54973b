// A real studio server (`next start` on the production build) in a child process, started the one way
// every test, benchmark and script starts it (the Playwright config uses studioLaunch for its servers):
// its URL, its resident memory and CPU time (from /proc, summed over the process tree), and everything it
// printed, so a test can read its log.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { serverArgs, serverEnv } from "@/scripts/server-launch";

export interface StudioProcess {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  /** Resident memory of the server and its children, in bytes. */
  rssBytes(): number;
  /** CPU time (user + system) of the server and its children, in seconds. */
  cpuSeconds(): number;
  /** SIGTERM (or SIGKILL), then waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StudioProcessOptions {
  port: number;
  /** Where it listens (HOSTNAME): 127.0.0.1 unless given, e.g. 0.0.0.0 for every interface. */
  hostname?: string;
  dataDir: string;
  /** Extra environment; DATABASE_URL defaults to "" (embedded PGlite in dataDir). */
  env?: Record<string, string>;
  cwd?: string;
  readyTimeoutMs?: number;
  /** Flags for node itself, e.g. ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] to profile the server. */
  nodeArgs?: string[];
  /**
   * Run the server in a process group of its own, and signal the whole group on stop: a SIGKILL then
   * also ends what the server had started (ffmpeg renders), as a machine that loses the instance would.
   */
  processGroup?: boolean;
}

const CLK_TCK = 100; // Linux user-space clock ticks per second (sysconf(_SC_CLK_TCK) on every x86_64 kernel here)

function descendants(pid: number): number[] {
  const all: number[] = [pid];
  const children = (p: number): number[] => {
    const file = `/proc/${p}/task/${p}/children`;
    if (!existsSync(file)) return [];
    return readFileSync(file, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  };
  for (let i = 0; i < all.length; i++) all.push(...children(all[i] as number));
  return all;
}

function procStat(pid: number): { rss: number; cpu: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { rss: rssKb * 1024, cpu: (utime + stime) / CLK_TCK };
  } catch {
    return { rss: 0, cpu: 0 }; // the process ended between listing and reading
  }
}

export interface StudioLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * How to run a studio server: `npm start`'s flags and environment defaults (scripts/server-launch.ts),
 * listening on 127.0.0.1 (or `hostname`) at `port`, on `dataDir`. No provider key, database or access token comes from the
 * caller's environment unless `env` gives it, so a test's server talks only to what the test set up.
 */
export function studioLaunch(options: StudioProcessOptions): StudioLaunch {
  const cwd = options.cwd ?? process.cwd();
  const env = serverEnv({
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    PORT: String(options.port),
    DATA_DIR: options.dataDir,
    DATABASE_URL: "",
    PUBLIC_BASE_URL: "",
    FAL_KEY: "",
    ATLASCLOUD_API_KEY: "",
    STUDIO_ACCESS_TOKEN: "",
    AUTH_SECRET: "",
    SMTP_URL: "",
    HOSTNAME: options.hostname ?? "127.0.0.1",
    ...options.env,
  });
  return {
    command: process.execPath,
    args: [...(options.nodeArgs ?? []), ...serverArgs(cwd, options.port, options.hostname ?? "127.0.0.1")],
    env: Object.fromEntries(
      Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
  };
}

export async function startStudioProcess(options: StudioProcessOptions): Promise<StudioProcess> {
  const cwd = options.cwd ?? process.cwd();
  if (!existsSync(path.join(cwd, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npx next build` first.");
  }
  const url = `http://127.0.0.1:${options.port}`;
  const launch = studioLaunch(options);
  const child = spawn(launch.command, launch.args, {
    cwd,
    // It carries NODE_ENV (set above); Next's typing of ProcessEnv asks for it by name.
    env: launch.env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.processGroup ?? false,
  });
  const signal = (sig: NodeJS.Signals) => {
    try {
      if (options.processGroup && child.pid) process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {
      // already gone
    }
  };
  let log = "";
  child.stdout?.on("data", (d: Buffer) => {
    log += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    log += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The studio server exited while starting:\n${log}`);
    const ok = await fetch(`${url}/api/health`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      signal("SIGKILL");
      throw new Error(`The studio server did not answer /api/health in time:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid as number;
  const sum = (key: "rss" | "cpu") => descendants(pid).reduce((total, p) => total + procStat(p)[key], 0);
  return {
    url,
    port: options.port,
    pid,
    child,
    output: () => log,
    rssBytes: () => sum("rss"),
    cpuSeconds: () => sum("cpu"),
    async stop(sig = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) signal(sig);
      const timer = setTimeout(() => signal("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      // Whatever the server left running in its group (a render it had started) goes with it.
      if (options.processGroup) signal("SIGKILL");
    },
  };
}

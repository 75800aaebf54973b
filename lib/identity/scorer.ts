import "server-only";
import { type ChildProcess, spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import type { MeasureRequest, MeasureResult } from "./measure";

// The scoring process, seen from the server: started on first use, at a lower CPU priority so generation,
// playback and requests come first; the face model loads once in it and stays loaded. A crash or a hung
// measurement ends the process; the next request starts a new one.

/** Nice value for the scoring process: below the server, so a busy scorer never slows a request. */
export const SCORER_NICE = 10;

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };
type Reply =
  | { id: number; ok: true; result: unknown; ms: number; rss: number }
  | { id: number; ok: false; error: string };

export interface ScorerOptions {
  /** The longest one request may take before the process is ended (default 5 minutes). */
  timeoutMs?: number;
  /** Where the project is (the child's source is under lib/identity); default: the working folder. */
  root?: string;
  /** The process ends after this long without a request, giving its memory back (default 5 minutes). */
  idleMs?: number;
}

/** What node and ffmpeg need, and none of the server's secrets (provider keys, the database URL). */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NODE_ENV: process.env.NODE_ENV ?? "production", MALLOC_ARENA_MAX: "2" };
  for (const name of ["PATH", "HOME", "TMPDIR", "LANG"]) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  return env;
}

export class FaceScorer {
  private child: ChildProcess | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private idleTimer: NodeJS.Timeout | undefined;
  /** The scoring process's resident memory after its last request, in bytes. */
  lastRss = 0;

  constructor(private readonly options: ScorerOptions = {}) {}

  private start(): ChildProcess {
    const root = this.options.root ?? process.cwd();
    // spawn with an IPC channel rather than fork: Next's build (Turbopack) takes fork's path for a module
    // to bundle and fails (vercel/next.js#97952); node's own flags work the same either way.
    const entry = path.join(root, "lib", "identity", "face-child.ts");
    const child = spawn(process.execPath, ["--import", "tsx", entry], {
      cwd: root,
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: childEnv(),
    });
    try {
      if (child.pid) os.setPriority(child.pid, SCORER_NICE);
    } catch {
      // Not allowed to lower it here: it still works, at the same priority.
    }
    child.on("message", (m: Reply) => this.reply(m));
    child.on("exit", (code, signal) => {
      if (this.child === child) this.child = undefined;
      this.failAll(new Error(`the scoring process stopped (${signal ?? `exit ${code}`})`));
    });
    child.on("error", (err) => this.failAll(err));
    this.child = child;
    return child;
  }

  private reply(m: Reply) {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    clearTimeout(p.timer);
    if (this.pending.size === 0) {
      // Nothing asked for a while: the model's few hundred MB go back to the machine until next time.
      clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => void this.close(), this.options.idleMs ?? 5 * 60_000);
      this.idleTimer.unref();
    }
    if (m.ok) {
      this.lastRss = m.rss;
      p.resolve(m.result);
    } else p.reject(new Error(m.error));
  }

  private failAll(err: Error) {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(err);
      this.pending.delete(id);
    }
  }

  private call<T>(message: Record<string, unknown>): Promise<T> {
    clearTimeout(this.idleTimer);
    const child = this.child ?? this.start();
    const id = this.nextId++;
    const timeoutMs = this.options.timeoutMs ?? 5 * 60_000;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`scoring took longer than ${Math.round(timeoutMs / 1000)} s`));
        this.pending.delete(id);
        child.kill("SIGKILL");
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      child.send({ id, ...message });
    });
  }

  /** Loads the face model (the first request would too). */
  load(): Promise<void> {
    return this.call({ op: "load" });
  }

  measure(req: MeasureRequest): Promise<MeasureResult> {
    return this.call({ op: "measure", req });
  }

  /** The scoring process's id while it runs (tests, the bench). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 2000).unref();
    });
  }
}

import "server-only";
import { spawn } from "node:child_process";
import path from "node:path";
import { tool } from "./tools";

export interface RunOptions {
  signal?: AbortSignal;
  /** Output time reached so far, from ffmpeg's stats line (about twice a second). */
  onProgress?: (seconds: number) => void;
}

export const abortError = (signal: AbortSignal) =>
  signal.reason instanceof Error
    ? signal.reason
    : new DOMException("The operation was aborted", "AbortError");

/** Last lines of stderr that are not stats, short enough to store and show. */
function errorSummary(stderr: string): string {
  const lines = stderr
    .split(/[\r\n]+/)
    .map((l) => l.trim())
    .filter((l) => l && !/^(frame|size)=/.test(l));
  return lines.slice(-2).join("; ").slice(0, 300);
}

/**
 * A tool that did not do its job, and why: it could not `start` (spawn failed: no memory, too many
 * processes), was killed by a `signal` (the OOM killer, say), or ran and `exit`ed with an error (it read
 * the input and refused it). Only the last says anything about the input.
 */
export class ToolRunError extends Error {
  constructor(
    message: string,
    readonly kind: "start" | "signal" | "exit",
  ) {
    super(message);
    this.name = "ToolRunError";
  }
}

/** Runs a tool and resolves with its stdout; rejects with a ToolRunError (or the abort reason). */
export function runTool(
  bin: string,
  args: string[],
  { signal, onProgress }: RunOptions = {},
): Promise<Buffer> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  const name = path.basename(bin);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let tail = "";
    let spawnError: Error | undefined;
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (onProgress) {
        for (const m of chunk.matchAll(/time=(\d+):(\d+):(\d+(?:\.\d+)?)/g)) {
          onProgress(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]));
        }
      }
      tail = (tail + chunk).slice(-4000);
    });
    // SIGKILL, not SIGTERM: on SIGTERM ffmpeg finishes the file, and an aborted render must stop now.
    const onAbort = () => child.kill("SIGKILL");
    signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (err) => {
      spawnError = err;
    });
    child.on("close", (code, killedBy) => {
      signal?.removeEventListener("abort", onAbort);
      if (signal?.aborted) return reject(abortError(signal));
      if (spawnError)
        return reject(new ToolRunError(`${name} could not start: ${spawnError.message}`, "start"));
      if (code === 0) return resolve(Buffer.concat(out));
      if (code === null)
        return reject(new ToolRunError(`${name} was killed (${killedBy ?? "signal"})`, "signal"));
      reject(new ToolRunError(`${name} failed: ${errorSummary(tail) || `exit code ${code}`}`, "exit"));
    });
  });
}

/** Runs ffmpeg quietly (errors and stats only) and resolves with whatever it wrote to stdout. */
export function runFfmpeg(args: string[], options: RunOptions = {}): Promise<Buffer> {
  return runTool(
    tool("ffmpeg").path,
    ["-hide_banner", "-nostdin", "-loglevel", "error", "-stats", ...args],
    options,
  );
}

import "server-only";
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import path from "node:path";
import ffmpegInstaller from "@ffmpeg-installer/ffmpeg";
import ffprobeInstaller from "@ffprobe-installer/ffprobe";

export type ToolName = "ffmpeg" | "ffprobe";

/**
 * Which binary runs and where it came from: the environment's FFMPEG_PATH / FFPROBE_PATH, the machine's
 * own (on PATH, e.g. Debian's /usr/bin/ffmpeg, kept up to date by the system), or the npm package's build,
 * the fallback that lets `npm install && npm start` work on a machine without ffmpeg (its ffmpeg is a
 * December 2018 build).
 */
export interface ToolChoice {
  path: string;
  source: "env" | "system" | "bundled";
  /** The first line of `-version` ("ffmpeg version 5.1.9-0+deb12u1"), or null when it did not run. */
  version: string | null;
}

export interface ToolLookup {
  env: Record<string, string | undefined>;
  bundled: string;
  /** Runs `<bin> -version` and returns its first line, or null when it does not run. */
  version(bin: string): string | null;
  /** Whether an executable file is at this path. */
  executable(file: string): boolean;
}

const ENV_VARS: Record<ToolName, string> = { ffmpeg: "FFMPEG_PATH", ffprobe: "FFPROBE_PATH" };

/** Picks a tool: the environment's wins; else the first on PATH that runs; else the bundled one. */
export function chooseTool(name: ToolName, lookup: ToolLookup): ToolChoice {
  const fromEnv = lookup.env[ENV_VARS[name]]?.trim();
  if (fromEnv) return { path: fromEnv, source: "env", version: lookup.version(fromEnv) };
  for (const dir of (lookup.env.PATH ?? "").split(path.delimiter)) {
    // Relative PATH entries (".", "node_modules/.bin") depend on the working folder: not a machine's tool.
    if (!path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, name);
    if (candidate === lookup.bundled || !lookup.executable(candidate)) continue;
    const version = lookup.version(candidate);
    if (version) return { path: candidate, source: "system", version };
  }
  return { path: lookup.bundled, source: "bundled", version: lookup.version(lookup.bundled) };
}

export function versionLine(bin: string): string | null {
  const r = spawnSync(bin, ["-version"], { encoding: "utf8", timeout: 10_000 });
  if (r.status !== 0) return null;
  const line = r.stdout.split("\n", 1)[0]?.trim() ?? "";
  // Up to the copyright: "ffmpeg version 5.1.9-0+deb12u1".
  return /^ff\w+ version \S+/.exec(line)?.[0] ?? null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const chosen = new Map<ToolName, ToolChoice>();

/** The process's ffmpeg or ffprobe, chosen on first use (one `-version` run per candidate, once). */
export function tool(name: ToolName): ToolChoice {
  let choice = chosen.get(name);
  if (!choice) {
    choice = chooseTool(name, {
      env: process.env,
      bundled: name === "ffmpeg" ? ffmpegInstaller.path : ffprobeInstaller.path,
      version: versionLine,
      executable: isExecutable,
    });
    chosen.set(name, choice);
  }
  return choice;
}

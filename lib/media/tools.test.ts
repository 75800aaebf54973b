import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseTool, type ToolLookup, tool, versionLine } from "@/lib/media/tools";

let dir: string;
const at = (...parts: string[]) => path.join(dir, ...parts);

/** An executable shell script standing in for a tool: prints `banner` on -version, or fails. */
async function fakeTool(file: string, banner: string | null) {
  const body = banner === null ? "exit 1" : `echo '${banner}'; echo 'built with gcc'`;
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "omni-tools-"));
  for (const d of ["maintained", "broken", "bundled", "own"]) await mkdir(at(d));
  await fakeTool(at("maintained", "ffmpeg"), "ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026");
  await fakeTool(at("broken", "ffmpeg"), null);
  await fakeTool(at("bundled", "ffmpeg"), "ffmpeg version N-47683-g0e8eb07980-static https://x");
  await fakeTool(at("own", "ffmpeg"), "ffmpeg version 7.1 Copyright (c) 2000-2024");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lookup = (env: Record<string, string>): ToolLookup => ({
  env,
  bundled: at("bundled", "ffmpeg"),
  version: versionLine,
  executable: (file) => file.startsWith(dir) && !file.includes("missing"),
});

describe("choosing ffmpeg", () => {
  it("prefers the machine's ffmpeg on PATH over the bundled build", () => {
    const PATH = [at("missing"), at("maintained"), "/usr/bin"].join(path.delimiter);
    expect(chooseTool("ffmpeg", lookup({ PATH }))).toEqual({
      path: at("maintained", "ffmpeg"),
      source: "system",
      version: "ffmpeg version 5.1.9-0+deb12u1",
    });
  });

  it("skips a machine's ffmpeg that does not run, and relative PATH entries", () => {
    const PATH = [at("broken"), "bundled", at("maintained")].join(path.delimiter);
    expect(chooseTool("ffmpeg", lookup({ PATH })).path).toBe(at("maintained", "ffmpeg"));
  });

  it("falls back to the bundled build when the machine has none", () => {
    expect(chooseTool("ffmpeg", lookup({ PATH: [at("missing"), at("broken")].join(":") }))).toEqual({
      path: at("bundled", "ffmpeg"),
      source: "bundled",
      version: "ffmpeg version N-47683-g0e8eb07980-static",
    });
    expect(chooseTool("ffmpeg", lookup({})).source).toBe("bundled");
  });

  it("lets FFMPEG_PATH win, and says when it does not run", () => {
    const PATH = at("maintained");
    expect(chooseTool("ffmpeg", lookup({ PATH, FFMPEG_PATH: at("own", "ffmpeg") }))).toEqual({
      path: at("own", "ffmpeg"),
      source: "env",
      version: "ffmpeg version 7.1",
    });
    expect(chooseTool("ffmpeg", lookup({ PATH, FFMPEG_PATH: at("broken", "ffmpeg") }))).toMatchObject({
      source: "env",
      version: null,
    });
    // Empty means unset, as everywhere else in the configuration.
    expect(chooseTool("ffmpeg", lookup({ PATH, FFMPEG_PATH: " " })).source).toBe("system");
  });

  it("reads ffprobe's variable for ffprobe", () => {
    const env = { FFMPEG_PATH: at("own", "ffmpeg"), FFPROBE_PATH: at("maintained", "ffmpeg") };
    expect(chooseTool("ffprobe", lookup(env)).path).toBe(at("maintained", "ffmpeg"));
  });
});

describe("this machine", () => {
  it("runs a working ffmpeg and ffprobe, and says which", () => {
    for (const name of ["ffmpeg", "ffprobe"] as const) {
      const choice = tool(name);
      expect(choice.version).toMatch(new RegExp(`^${name} version \\S+$`));
      expect(["env", "system", "bundled"]).toContain(choice.source);
    }
  });
});

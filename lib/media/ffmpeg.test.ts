import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFfmpeg, runTool, ToolRunError } from "@/lib/media/ffmpeg";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "omni-ffmpeg-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("runFfmpeg", () => {
  it("kills ffmpeg on abort", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = runFfmpeg(["-f", "lavfi", "-i", "sine=d=600", "-f", "null", "-"], {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("fails with ffmpeg's own reason", async () => {
    await expect(runFfmpeg(["-i", path.join(dir, "missing.mp4"), "-f", "null", "-"])).rejects.toThrow(
      /ffmpeg failed: .*No such file or directory/,
    );
  });
});

describe("runTool tells a refused input from a tool that never finished", () => {
  const kindOf = async (bin: string, args: string[]) => {
    const err = await runTool(bin, args).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolRunError);
    return (err as ToolRunError).kind;
  };

  it("could not start, killed by a signal, or exited with an error", async () => {
    expect(await kindOf("/nonexistent/ffprobe", [])).toBe("start");
    expect(await kindOf("/bin/sh", ["-c", "kill -9 $$"])).toBe("signal");
    expect(await kindOf("/bin/sh", ["-c", "exit 3"])).toBe("exit");
  });
});

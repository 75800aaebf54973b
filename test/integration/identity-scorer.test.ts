import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FaceScorer } from "@/lib/identity/scorer";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { tool } from "@/lib/media/tools";
import { portrait } from "../support/faces";

// The scoring process's failure paths: a hung request ends the process with a reason, and the next
// request starts a new one that works.

describe("the face scoring process", () => {
  const scorers: FaceScorer[] = [];
  afterEach(async () => {
    for (const s of scorers.splice(0)) await s.close();
  });

  it("ends a request that takes too long, says so, and starts afresh for the next", async () => {
    const scorer = new FaceScorer({ timeoutMs: 30 });
    scorers.push(scorer);
    // Loading the models takes far longer than 30 ms: the request is given up and the process killed.
    await expect(scorer.load()).rejects.toThrow(/scoring took longer than/);
    const killed = scorer.pid;
    await expect.poll(() => scorer.pid, { timeout: 5_000 }).toBeUndefined();

    const patient = new FaceScorer();
    scorers.push(patient);
    await patient.load();
    expect(patient.pid).toBeDefined();
    expect(patient.pid).not.toBe(killed);
    expect(patient.lastRss).toBeGreaterThan(100e6);
  });

  it("fails a request whose process dies, with the reason, and the next request works", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "omni-scorer-"));
    const face = path.join(dir, "ana.png");
    const clip = path.join(dir, "clip.mp4");
    await writeFile(face, await portrait("ana"));
    await runFfmpeg([
      "-v",
      "error",
      "-f",
      "lavfi",
      "-i",
      "testsrc2=s=1280x720:r=24:d=8",
      "-pix_fmt",
      "yuv420p",
      "-y",
      clip,
    ]);
    const scorer = new FaceScorer();
    scorers.push(scorer);
    await scorer.load();
    const first = scorer.pid;
    const tools = { ffmpeg: tool("ffmpeg").path, ffprobe: tool("ffprobe").path };
    // Eight frames to look at: killed while it works.
    const pending = scorer.measure({ tools, video: clip, references: [{ key: "ana", file: face }] });
    setTimeout(() => process.kill(first as number, "SIGKILL"), 300);
    await expect(pending).rejects.toThrow(/the scoring process stopped \(SIGKILL\)/);
    // The next request starts a new process, and it measures.
    const again = await scorer.measure({ tools, video: clip, references: [{ key: "ana", file: face }] });
    expect(scorer.pid).toBeDefined();
    expect(scorer.pid).not.toBe(first);
    expect(again.faces.ana?.score).toBeNull();
    expect(again.faces.ana?.samples.length).toBe(8);
  });
});

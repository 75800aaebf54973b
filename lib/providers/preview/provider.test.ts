import { mkdtemp, readdir, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeVideo } from "@/lib/media/probe";
import { profileById } from "@/lib/models/profiles";
import { createPreviewProvider } from "@/lib/providers/preview/provider";
import { fileAt } from "@/lib/providers/reference-files";
import {
  ProviderCallError,
  type ProviderInput,
  type ProviderJob,
  type ProviderStatus,
  type VideoProvider,
} from "@/lib/providers/types";

let root: string;
let workDir: string;
let input: ProviderInput;

const jobOf = (generationId: string, overrides: Partial<ProviderInput> = {}): ProviderJob => ({
  generationId,
  requestId: `preview_${generationId}`,
  input: { ...input, ...overrides },
});

/** Polls like the studio's worker does, remembering every state it saw. */
async function pollUntilDone(provider: VideoProvider, job: ProviderJob, timeoutMs = 30_000) {
  const seen: ProviderStatus[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await provider.status(job);
    seen.push(status);
    if (status.state === "completed") return seen;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${job.requestId} did not finish in ${timeoutMs} ms`);
}

const readAll = async (stream: ReadableStream<Uint8Array>) =>
  Buffer.from(await new Response(stream).arrayBuffer());

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "omni-preview-test-"));
  workDir = path.join(root, "work");
  const refs = await Promise.all(
    ["#c0392b", "#2e86c1"].map(async (color, i) => {
      const filePath = path.join(root, `ref-${i}.png`);
      await sharp({ create: { width: 800, height: 600, channels: 3, background: color } })
        .png()
        .toFile(filePath);
      return {
        assetId: `asset_000${i}`,
        sha256: "0".repeat(64),
        mime: "image/png",
        withFile: fileAt(filePath),
        fileName: `ref-${i}.png`,
      };
    }),
  );
  input = {
    modelId: "omni-studio/preview-engine",
    profile: profileById("preview"),
    resolution: "720p",
    prompt: "<IMAGE_REF_0> waves at <IMAGE_REF_1>",
    duration: 3,
    aspectRatio: "16:9",
    references: refs,
  };
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("preview provider", () => {
  it("goes queued -> running -> completed and hands over a real MP4", async () => {
    const provider = createPreviewProvider({ workDir, stepDelayMs: 150 });
    expect(provider.capabilities).toMatchObject({ maxReferences: 10, webhooks: false });
    expect(provider.estimateCostUsd({ duration: 8 })).toBe(0);

    const job = jobOf("gen_one");
    const submitted = await provider.submit(job.input, { generationId: "gen_one" });
    expect(submitted).toEqual({ requestId: "preview_gen_one", queuePosition: 0 });

    const seen = await pollUntilDone(provider, job);
    const states = seen.map((s) => s.state);
    expect(states[0]).toBe("queued");
    expect(states).toContain("running");
    expect(
      seen
        .at(-1)!
        .logs.map((l) => l.message)
        .join("\n"),
    ).toMatch(/Rendering reference 1 of 2/);

    const result = await provider.result(job);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.video.url).toBe(pathToFileURL(path.join(workDir, "preview_gen_one.mp4")).href);
    expect(result.video.contentType).toBe("video/mp4");

    const copy = path.join(root, "copy.mp4");
    await writeFile(copy, await readAll(await provider.openOutput(result.video)));
    const probe = await probeVideo(copy);
    expect([probe.width, probe.height, probe.videoCodec, probe.audioCodec]).toEqual([
      1280,
      720,
      "h264",
      "aac",
    ]);
    expect(Math.abs(probe.durationSec - 3)).toBeLessThanOrEqual(0.1);
  }, 60_000);

  it("renders the clip's own tier and length: 360p 9:16 for 15 s, with sound, free", async () => {
    const provider = createPreviewProvider({ workDir });
    expect(provider.capabilities.durations).toEqual({ min: 3, max: 15, default: 8 });
    expect(provider.estimateCostUsd({ duration: 15 })).toBe(0);
    const job = jobOf("gen_tier", { resolution: "360p", aspectRatio: "9:16", duration: 15 });
    await provider.submit(job.input, { generationId: "gen_tier" });
    const seen = await pollUntilDone(provider, job, 120_000);
    expect(seen.flatMap((s) => s.logs.map((l) => l.message))).toContain(
      "Preparing 2 reference images for 360p",
    );
    const result = await provider.result(job);
    if (!result.ok) throw new Error(result.error.message);
    const probe = await probeVideo(path.join(workDir, "preview_gen_tier.mp4"));
    expect([probe.width, probe.height, probe.hasAudio]).toEqual([360, 640, true]);
    expect(Math.abs(probe.durationSec - 15)).toBeLessThanOrEqual(0.1);
  }, 120_000);

  it("reports the queue position of renders waiting behind others", async () => {
    const provider = createPreviewProvider({ workDir, stepDelayMs: 300 });
    const a = jobOf("gen_queue_a");
    const b = jobOf("gen_queue_b", { aspectRatio: "9:16" });
    expect((await provider.submit(a.input, { generationId: "gen_queue_a" })).queuePosition).toBe(0);
    expect((await provider.submit(b.input, { generationId: "gen_queue_b" })).queuePosition).toBe(1);
    expect(await provider.status(b)).toMatchObject({ state: "queued", queuePosition: 1 });
    // A second submit of the same generation joins the render instead of starting another.
    expect(await provider.submit(b.input, { generationId: "gen_queue_b" })).toEqual({
      requestId: "preview_gen_queue_b",
      queuePosition: 1,
    });
    await pollUntilDone(provider, a);
    await pollUntilDone(provider, b);
    expect((await provider.result(b)).ok).toBe(true);
  }, 60_000);

  it("survives a restart: finished renders stay finished, unfinished ones render again", async () => {
    const restarted = createPreviewProvider({ workDir });
    expect((await restarted.status(jobOf("gen_one"))).state).toBe("completed");
    expect((await restarted.result(jobOf("gen_one"))).ok).toBe(true);
    expect(await restarted.cancel(jobOf("gen_one"))).toBe("already_completed");

    // Submitted before the "crash", never finished: this process has never heard of it.
    const orphan = jobOf("gen_orphan", { duration: 4 });
    expect(["queued", "running"]).toContain((await restarted.status(orphan)).state);
    await pollUntilDone(restarted, orphan);
    const result = await restarted.result(orphan);
    expect(result.ok).toBe(true);
    expect((await probeVideo(path.join(workDir, "preview_gen_orphan.mp4"))).durationSec).toBeCloseTo(4, 1);
  }, 60_000);

  it("cancels a render, and says when there is nothing to cancel", async () => {
    const provider = createPreviewProvider({ workDir, stepDelayMs: 5_000 });
    const job = jobOf("gen_cancel");
    await provider.submit(job.input, { generationId: "gen_cancel" });
    expect(await provider.cancel(job)).toBe("canceled");
    expect(await provider.cancel(job)).toBe("canceled");
    expect((await provider.status(job)).state).toBe("completed");
    expect(await provider.result(job)).toMatchObject({ ok: false, error: { code: "canceled" } });
    await expect(stat(path.join(workDir, "preview_gen_cancel.mp4"))).rejects.toMatchObject({
      code: "ENOENT",
    });
    expect(await provider.cancel(jobOf("gen_never"))).toBe("not_found");
  });

  it("reports a render that cannot be made as a retryable failure", async () => {
    const provider = createPreviewProvider({ workDir });
    const missing = { ...input.references[0]!, withFile: fileAt(path.join(root, "gone.png")) };
    const job = jobOf("gen_broken", { references: [missing] });
    await provider.submit(job.input, { generationId: "gen_broken" });
    await pollUntilDone(provider, job);
    expect(await provider.result(job)).toMatchObject({
      ok: false,
      error: { code: "preview_render_failed", retryable: true },
    });
    const failed = await provider.result(job);
    expect(failed.ok || failed.error.message).toMatch(/gone\.png/);
    expect(failed.ok || failed.error.message).not.toContain(root);
    expect((await readdir(workDir)).filter((f) => f.includes("gen_broken"))).toEqual([]);
  }, 30_000);

  it("opens only files inside its work folder", async () => {
    const provider = createPreviewProvider({ workDir });
    const secret = path.join(root, "secret.mp4");
    await writeFile(secret, "not yours");
    await symlink(secret, path.join(workDir, "preview_link.mp4"));
    const refused = [
      pathToFileURL(secret).href,
      `file://${workDir}/../secret.mp4`,
      pathToFileURL(path.join(workDir, "preview_link.mp4")).href,
      "https://example.com/preview_gen_one.mp4",
      "file:///etc/passwd",
    ];
    for (const url of refused) {
      const err = await provider.openOutput({ url }).catch((e: unknown) => e);
      expect(err, url).toBeInstanceOf(ProviderCallError);
      expect((err as ProviderCallError).error.code, url).toBe("invalid_output_url");
    }
    const gone = await provider
      .openOutput({ url: pathToFileURL(path.join(workDir, "preview_nope.mp4")).href })
      .catch((e: unknown) => e);
    expect((gone as ProviderCallError).error.code).toBe("output_missing");
  });

  it("refuses request ids that are not its own", async () => {
    const provider = createPreviewProvider({ workDir });
    for (const requestId of ["fal_123", "preview_../../etc/passwd", "preview_"]) {
      await expect(provider.status({ ...jobOf("x"), requestId })).rejects.toBeInstanceOf(ProviderCallError);
    }
  });
});

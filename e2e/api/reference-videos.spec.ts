import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { referenceImage } from "../support/images";

// Reference videos over real HTTP on the production server (preview engine): a longer video cut to the
// range asked on upload and served back (with ranges), refusals by content, a clip made with it, and a
// finished clip used as a reference video.

const run = promisify(execFile);
const FFMPEG = process.env.FFMPEG_PATH || "ffmpeg";

let dir: string;
let long: Buffer;
test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "omni-e2e-refvideo-"));
  const file = path.join(dir, "skate.mp4");
  await run(FFMPEG, [
    ...["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=s=1280x720:r=25:d=10"],
    ...["-f", "lavfi", "-i", "sine=f=300:d=10", "-c:v", "libx264", "-preset", "ultrafast"],
    ...["-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-y", file],
  ]);
  long = await readFile(file);
});
test.afterAll(() => rm(dir, { recursive: true, force: true }));

function upload(
  request: APIRequestContext,
  name: string,
  buffer: Buffer,
  fields: Record<string, string> = {},
) {
  return request.post("/api/uploads", {
    multipart: { ...fields, file: { name, mimeType: "video/mp4", buffer } },
  });
}

interface Asset {
  id: string;
  kind: string;
  url: string;
  thumbUrl: string;
  video: { durationSec: number; hasAudio: boolean; posterUrl: string };
}

test("a longer video is cut to the range asked on upload, and served like any stored video", async ({
  request,
}) => {
  const res = await upload(request, "skate.mp4", long, { startSec: "2.5", endSec: "5.5" });
  expect(res.status(), await res.text()).toBe(201);
  const { asset } = (await res.json()) as { asset: Asset };
  expect(asset.kind).toBe("video");
  expect(Math.abs(asset.video.durationSec - 3)).toBeLessThan(0.05);
  expect(asset.video.hasAudio).toBe(true);

  const file = await request.get(asset.url);
  expect(file.headers()["content-type"]).toBe("video/mp4");
  const part = await request.get(asset.url, { headers: { range: "bytes=0-99" } });
  expect(part.status()).toBe(206);
  expect((await part.body()).length).toBe(100);
  for (const url of [asset.thumbUrl, asset.video.posterUrl]) {
    expect((await request.get(url)).headers()["content-type"]).toBe("image/webp");
  }

  // The same source and range: the same asset.
  const again = await upload(request, "skate-again.mp4", long, { startSec: "2.5", endSec: "5.5" });
  expect(((await again.json()) as { asset: Asset }).asset.id).toBe(asset.id);
});

test("refuses a long video without a range and a text file named .mp4, with what is allowed", async ({
  request,
}) => {
  const tooLong = await upload(request, "skate.mp4", long);
  expect(tooLong.status()).toBe(422);
  expect(((await tooLong.json()) as { error: { message: string } }).error.message).toBe(
    "skate.mp4 is 10 s long; reference videos can be at most 3 s. Give the range to keep: startSec and endSec, at most 3 s apart.",
  );
  const text = await upload(request, "notes.mp4", Buffer.from("not a video"));
  expect(text.status()).toBe(415);
  expect(((await text.json()) as { error: { message: string } }).error.message).toContain(
    "notes.mp4 is not an image or video we can read. Use a PNG, JPEG or WebP image, or an MP4, MOV or WebM video.",
  );
});

test("a clip made with a reference video keeps it, and a finished clip becomes one", async ({ request }) => {
  const image = await request.post("/api/uploads", {
    multipart: {
      file: {
        name: "hero.png",
        mimeType: "image/png",
        buffer: await referenceImage("character", { seed: 160 }),
      },
    },
  });
  const imageId = ((await image.json()) as { asset: Asset }).asset.id;
  const video = await upload(request, "skate.mp4", long, { startSec: "6", endSec: "8" });
  const videoId = ((await video.json()) as { asset: Asset }).asset.id;
  const made = await request.post("/api/generations", {
    data: {
      prompt: "<IMAGE_REF_0> skates like <VIDEO_REF_0>. Single continuous shot.",
      referenceIds: [imageId],
      referenceVideoIds: [videoId],
      model: "preview",
      duration: 3,
      aspectRatio: "16:9",
      idempotencyKey: `e2e-refvideo-${Date.now()}`,
    },
  });
  expect(made.status(), await made.text()).toBe(202);
  const { generation } = (await made.json()) as { generation: { id: string } };
  let clip: { status: string; referenceVideos: { id: string }[] } = { status: "queued", referenceVideos: [] };
  await expect
    .poll(
      async () => {
        clip = (
          (await (await request.get(`/api/generations/${generation.id}`)).json()) as {
            generation: typeof clip;
          }
        ).generation;
        return clip.status;
      },
      { timeout: 60_000 },
    )
    .toBe("completed");
  expect(clip.referenceVideos.map((v) => v.id)).toEqual([videoId]);

  const used = await request.post(`/api/generations/${generation.id}/reference-video`, {
    data: { startSec: 0.5, endSec: 2.5 },
  });
  expect(used.status(), await used.text()).toBe(201);
  const { asset } = (await used.json()) as { asset: Asset };
  expect(asset.kind).toBe("video");
  expect(Math.abs(asset.video.durationSec - 2)).toBeLessThan(0.05);
});

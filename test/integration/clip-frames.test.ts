import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as framesRoute from "@/app/api/generations/[id]/frames/route";
import type { AssetDTO, GenerationDTO } from "@/lib/generations/dto";
import { runFfmpeg, runTool } from "@/lib/media/ffmpeg";
import { probeVideo } from "@/lib/media/probe";
import { tool } from "@/lib/media/tools";
import { storedPath } from "@/test/support/stored";
import { addMember, type TestMember } from "../support/accounts";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { installRuntime, runningCopy, submit, type TestRuntime, waitFor } from "../support/runtime";

// "Continue from here": a finished clip's frame (at a time, or its last) becomes a stored reference image at
// full resolution, the same asset for the same frame, marked as taken from the clip; bad input names the
// field and stores nothing. On the preview engine with real ffmpeg.

const BASE = "http://127.0.0.1:3000";
const keyOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

describe.each(await dbKinds())("frames of a clip as reference images on %s", (kind) => {
  let rt: TestRuntime;
  let refs: string[];
  let editor: TestMember;
  let clip: GenerationDTO;
  useStudio(kind, {
    references: { count: 2, seed: 720 },
    ready: (s) => {
      ({ rt, refs } = s);
      installRuntime(s.rt);
    },
  });
  afterAll(() => installRuntime(undefined));
  beforeAll(async () => {
    editor = await addMember(rt, "editor");
    const { generation } = await submit(rt, {
      prompt: "<IMAGE_REF_0> waves, then <IMAGE_REF_1> answers.",
      referenceIds: refs,
      duration: 4,
    });
    clip = await waitFor(rt, generation.id, undefined, 60_000);
    expect(clip.status).toBe("completed");
  }, 90_000);

  async function frame(id: string, body: unknown) {
    const response = await framesRoute.POST(
      new Request(`${BASE}/x`, {
        method: "POST",
        headers: {
          ...editor.session,
          origin: BASE,
          host: "127.0.0.1:3000",
          "content-type": "application/json",
        },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({ id }) },
    );
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  it("stores a frame at full resolution as a PNG reference marked with its clip and moment, once", async () => {
    const video = await probeVideo(await storedPath(rt.store, keyOf(clip.videoUrl!)));
    const { status, json } = await frame(clip.id, { atSec: 1 });
    expect(status, JSON.stringify(json)).toBe(201);
    const asset = json.asset as AssetDTO;
    expect(asset).toMatchObject({
      kind: "image",
      mime: "image/png",
      width: video.width,
      height: video.height,
      name: `clip-${clip.id.slice(-8)}-frame-1.00s.png`,
      frameOf: { generationId: clip.id, atSec: 1 },
    });
    const stored = await sharp(await storedPath(rt.store, keyOf(asset.url))).metadata();
    expect([stored.format, stored.width, stored.height]).toEqual(["png", video.width, video.height]);
    // The same frame again: the same asset, nothing new stored.
    const before = await rt.db.prisma.asset.count();
    const again = await frame(clip.id, { atSec: 1 });
    expect((again.json.asset as AssetDTO).id).toBe(asset.id);
    expect(await rt.db.prisma.asset.count()).toBe(before);
    // It is a reference image like an uploaded one.
    const { generation } = await submit(rt, { prompt: "<IMAGE_REF_0> walks on.", referenceIds: [asset.id] });
    expect(generation.references.map((r) => r.id)).toEqual([asset.id]);
  });

  it("takes the last frame when asked, or when the time is the clip's end", async () => {
    const video = await probeVideo(await storedPath(rt.store, keyOf(clip.videoUrl!)));
    const last = await frame(clip.id, { atSec: "last" });
    expect(last.status, JSON.stringify(last.json)).toBe(201);
    const asset = last.json.asset as AssetDTO;
    expect(asset.name).toBe(`clip-${clip.id.slice(-8)}-frame-last.png`);
    expect(asset.frameOf?.atSec).toBeCloseTo(video.durationSec, 2);
    // The very last frame: the same picture as the clip's final frame counted and picked by number.
    const file = await storedPath(rt.store, keyOf(clip.videoUrl!));
    const count = Number(
      String(
        await runTool(tool("ffprobe").path, [
          ..."-v error -select_streams v:0 -count_frames -show_entries stream=nb_read_frames -of csv=p=0".split(
            " ",
          ),
          file,
        ]),
      ).trim(),
    );
    const lastByNumber = await runFfmpeg([
      ...["-i", file, "-vf", `select=eq(n\\,${count - 1})`],
      ..."-frames:v 1 -an -f image2pipe -c:v png -".split(" "),
    ]);
    const { data: expected } = await sharp(lastByNumber).raw().toBuffer({ resolveWithObject: true });
    const { data: got } = await sharp(await storedPath(rt.store, keyOf(asset.url)))
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(got.equals(expected)).toBe(true);
    const first = (await frame(clip.id, { atSec: 0 })).json.asset as AssetDTO;
    expect(first.sha256).not.toBe(asset.sha256);
    // The end itself (a player's currentTime at the end) is the last frame too.
    const atEnd = await frame(clip.id, { atSec: video.durationSec });
    expect((atEnd.json.asset as AssetDTO).id).toBe(asset.id);
  });

  it("refuses a time past the end, a bad body and an unfinished or unknown clip, storing nothing", async () => {
    const running = await runningCopy(rt, clip.id);
    const before = await rt.db.prisma.asset.count();
    const cases: [string, unknown, number, string, RegExp][] = [
      [
        clip.id,
        { atSec: 9.5 },
        422,
        "frame_out_of_range",
        /atSec 9\.5 s is past the clip's end: it is 4\.\d\d s long/,
      ],
      [clip.id, { atSec: -1 }, 422, "invalid_input", /atSec/i],
      [clip.id, { atSec: "end" }, 422, "invalid_input", /atSec must be a number of seconds .* or "last"/i],
      [clip.id, {}, 422, "invalid_input", /atSec/i],
      [clip.id, { atSec: 1, at: 2 }, 422, "invalid_input", /unknown field\(s\): at/i],
      [running.id, { atSec: 1 }, 409, "not_finished", /only a finished clip has frames/],
      ["nosuchclip00000000000", { atSec: 1 }, 404, "not_found", /does not exist/],
    ];
    for (const [id, body, status, code, message] of cases) {
      const r = await frame(id, body);
      const error = r.json.error as { code: string; message: string };
      expect([r.status, error.code], JSON.stringify(body)).toEqual([status, code]);
      expect(error.message).toMatch(message);
    }
    expect(await rt.db.prisma.asset.count()).toBe(before);
  });
});

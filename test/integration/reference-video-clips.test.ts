import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clipToReferenceVideoAction, setCharacterVideoAction } from "@/app/actions";
import * as characterRoute from "@/app/api/characters/[id]/route";
import * as characterVideoRoute from "@/app/api/characters/[id]/video/route";
import * as referenceVideoRoute from "@/app/api/generations/[id]/reference-video/route";
import type { CharacterDTO } from "@/lib/characters/dto";
import { createCharacter, getCharacter, updateCharacter } from "@/lib/characters/service";
import type { AssetDTO, GenerationDTO } from "@/lib/generations/dto";
import { clipRecordTags } from "@/lib/generations/record";
import { invokeWithHeaders } from "@/lib/http/server-action";
import { probeVideo } from "@/lib/media/probe";
import { storedPath } from "@/test/support/stored";
import { addMember, asActor, type TestMember } from "../support/accounts";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { uploadVideos } from "../support/reference-videos";
import {
  installRuntime,
  removeDir,
  runningCopy,
  submit,
  type TestRuntime,
  uploadImages,
  waitFor,
} from "../support/runtime";

// "Use as reference video" (a finished clip's range cut into a reference video asset, through its route
// and its server action) and a character's video (schema, service, route, action), on the preview engine
// with real ffmpeg.

const BASE = "http://127.0.0.1:3000";
const keyOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "omni-refvideo-clip-"));
});
afterAll(() => removeDir(dir));

describe.each(await dbKinds())("clips and characters as reference videos on %s", (kind) => {
  let rt: TestRuntime;
  let refs: string[];
  let editor: TestMember;
  let reviewer: TestMember;
  let clip: GenerationDTO;
  useStudio(kind, {
    references: { count: 2, seed: 700 },
    ready: (s) => {
      ({ rt, refs } = s);
      installRuntime(s.rt);
    },
  });
  afterAll(() => installRuntime(undefined));
  beforeAll(async () => {
    editor = await addMember(rt, "editor");
    reviewer = await addMember(rt, "reviewer");
    const { generation } = await submit(rt, { referenceIds: refs, duration: 5 });
    clip = await waitFor(rt, generation.id, undefined, 60_000);
    expect(clip.status).toBe("completed");
  }, 90_000);

  async function call(
    handler: (r: Request, c: { params: Promise<{ id: string }> }) => Promise<Response>,
    method: string,
    id: string,
    body: unknown,
    who: TestMember = editor,
  ) {
    const headers: Record<string, string> = { ...who.session, origin: BASE, host: "127.0.0.1:3000" };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await handler(
      new Request(`${BASE}/x`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      { params: Promise.resolve({ id }) },
    );
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }
  const cutClip = (id: string, body: unknown, who?: TestMember) =>
    call(referenceVideoRoute.POST, "POST", id, body, who);

  it("cuts the range of a finished clip into a reference video, the same one for the same range", async () => {
    const { status, json } = await cutClip(clip.id, { startSec: 1, endSec: 3.5 });
    expect(status, JSON.stringify(json)).toBe(201);
    const asset = json.asset as AssetDTO;
    expect(asset).toMatchObject({
      kind: "video",
      mime: "video/mp4",
      name: `clip-${clip.id.slice(-8)} 0:01-0:03.5.mp4`,
    });
    const probe = await probeVideo(await storedPath(rt.store, keyOf(asset.url)));
    expect([probe.videoCodec, probe.audioCodec]).toEqual(["h264", "aac"]);
    expect(Math.abs(probe.durationSec - 2.5)).toBeLessThan(0.05);
    expect(Math.max(probe.width, probe.height)).toBeLessThanOrEqual(1280);
    expect(asset.video?.hasAudio).toBe(true);
    const again = await cutClip(clip.id, { startSec: 1, endSec: 3.5 });
    expect((again.json.asset as AssetDTO).id).toBe(asset.id);

    // It is a reference video like an uploaded one: a clip on a version that takes videos can use it.
    const { generation } = await submit(rt, {
      prompt: "<IMAGE_REF_0> moves like <VIDEO_REF_0>",
      referenceIds: [refs[0]!],
      referenceVideoIds: [asset.id],
      model: "preview",
    });
    expect(generation.referenceVideos.map((v) => v.id)).toEqual([asset.id]);
    // A download carries them in its record, like the images.
    expect(clipRecordTags(generation).omni_reference_videos).toBe(asset.sha256);
    expect(JSON.parse(clipRecordTags(generation).comment!).referenceVideos).toEqual([
      { tag: "<VIDEO_REF_0>", label: asset.name, sha256: asset.sha256 },
    ]);
    expect((await waitFor(rt, generation.id, undefined, 60_000)).status).toBe("completed");
  });

  it("refuses an unfinished clip, a bad range, a missing range and an unknown clip, storing nothing", async () => {
    const running = await runningCopy(rt, clip.id);
    const before = await rt.db.prisma.asset.count();
    const cases: [string, unknown, number, string, string][] = [
      [
        running.id,
        { startSec: 0, endSec: 2 },
        409,
        "not_finished",
        "This clip is running: only a finished clip",
      ],
      [clip.id, {}, 422, "video_too_long", "The clip is 5 s long; reference videos can be at most 3 s"],
      [clip.id, { startSec: 1, endSec: 4.5 }, 422, "range_too_long", "at most 3 s"],
      [clip.id, { startSec: 4, endSec: 7 }, 422, "invalid_range", "past the end"],
      [clip.id, { startSec: 2 }, 422, "invalid_range", "endSec is missing"],
      [clip.id, { startSec: "one", endSec: 2 }, 422, "invalid_input", "Give startSec as a number of seconds"],
      [clip.id, { startSec: 0, endSec: 2, keep: true }, 422, "invalid_input", "Unknown field(s): keep"],
      [
        clip.id,
        { startSec: 0, endSec: 2, model: "fal-v1" },
        422,
        "unsupported_setting",
        "takes no reference videos",
      ],
      ["nosuchclip0", { startSec: 0, endSec: 2 }, 404, "not_found", "does not exist"],
    ];
    for (const [id, body, status, code, text] of cases) {
      const { status: got, json } = await cutClip(id, body);
      const error = json.error as unknown as { code: string; message: string };
      expect([got, error.code], JSON.stringify(json)).toEqual([status, code]);
      expect(error.message).toContain(text);
    }
    expect(await rt.db.prisma.asset.count()).toBe(before);
  });

  it("is an editor's action too, refused to a reviewer", async () => {
    const made = await invokeWithHeaders(clipToReferenceVideoAction, editor.session, clip.id, {
      startSec: 0,
      endSec: 2,
    });
    expect(made).toMatchObject({ ok: true, asset: { kind: "video" } });
    const denied = await invokeWithHeaders(clipToReferenceVideoAction, reviewer.session, clip.id, {
      startSec: 0,
      endSec: 2,
    });
    expect(denied).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await cutClip(clip.id, { startSec: 0, endSec: 2 }, reviewer)).status).toBe(403);
  });

  describe("a character's video", () => {
    let videos: string[];
    beforeAll(async () => {
      videos = await uploadVideos(rt, dir, 2, 70);
    }, 60_000);

    it("is saved with the character, kept by an update that does not name it, replaced and removed", async () => {
      const actor = asActor(editor);
      const made = await createCharacter(rt.db.prisma, actor, {
        name: "Dancer",
        images: [{ assetId: refs[0]! }],
        video: { assetId: videos[0]!, label: "twirl" },
      });
      expect(made.video).toMatchObject({ id: videos[0], kind: "video", label: "twirl" });
      expect(made.video?.video?.durationSec).toBeGreaterThan(1.9);
      const renamed = await updateCharacter(rt.db.prisma, actor, made.id, {
        name: "Dancer 2",
        images: [{ assetId: refs[1]! }],
      });
      expect(renamed.video?.id).toBe(videos[0]);

      const put = await call(characterVideoRoute.PUT, "PUT", made.id, { assetId: videos[1], label: "hop" });
      expect(put.status, JSON.stringify(put.json)).toBe(200);
      expect((put.json.character as CharacterDTO).video).toMatchObject({ id: videos[1], label: "hop" });
      const read = await call(characterRoute.GET, "GET", made.id, undefined, reviewer);
      expect((read.json.character as CharacterDTO).video?.id).toBe(videos[1]);

      const removed = await call(characterVideoRoute.DELETE, "DELETE", made.id, undefined);
      expect((removed.json.character as CharacterDTO).video).toBeNull();
      expect(
        await invokeWithHeaders(setCharacterVideoAction, editor.session, made.id, { assetId: videos[0] }),
      ).toMatchObject({
        ok: true,
        character: { video: { id: videos[0] } },
      });
      const cleared = await updateCharacter(rt.db.prisma, actor, made.id, {
        name: "Dancer 3",
        images: [{ assetId: refs[1]! }],
        video: null,
      });
      expect(cleared.video).toBeNull();
      expect(
        (await call(characterVideoRoute.PUT, "PUT", made.id, { assetId: videos[0] }, reviewer)).status,
      ).toBe(403);
    });

    it("refuses an image or an unknown asset as the video, changing nothing", async () => {
      const made = await createCharacter(rt.db.prisma, asActor(editor), {
        name: "Walker",
        images: [{ assetId: refs[0]! }],
        video: { assetId: videos[0]! },
      });
      for (const [assetId, text] of [
        [refs[1], "is an image"],
        ["nosuchasset1", "not an uploaded video"],
      ] as const) {
        const { status, json } = await call(characterVideoRoute.PUT, "PUT", made.id, { assetId });
        expect(status).toBe(422);
        expect((json.error as unknown as { message: string }).message).toContain(text);
      }
      const image = await call(characterVideoRoute.PUT, "PUT", made.id, { assetId: videos[1], extra: 1 });
      expect(image.status).toBe(422);
      expect((await getCharacter(rt.db.prisma, made.id)).video?.id).toBe(videos[0]);
      // A video is not an image of the character either.
      await expect(
        createCharacter(rt.db.prisma, asActor(editor), { name: "X", images: [{ assetId: videos[0]! }] }),
      ).rejects.toMatchObject({ code: "unknown_reference" });
    });

    it("counts the clips that used its video among the character's clips", async () => {
      // An image no other clip here used, so only the video brings clips in.
      const [still] = await uploadImages(rt, 1, 4343);
      const made = await createCharacter(rt.db.prisma, asActor(editor), {
        name: "Mover",
        images: [{ assetId: still! }],
        video: { assetId: videos[1]! },
      });
      const { generation } = await submit(rt, {
        prompt: "<IMAGE_REF_0> moves like <VIDEO_REF_0>",
        referenceIds: [refs[1]!],
        referenceVideoIds: [videos[1]!],
        referenceVideoCharacterIds: [made.id],
        model: "preview",
      });
      expect(generation.referenceVideos[0]?.characterId).toBe(made.id);
      expect((await getCharacter(rt.db.prisma, made.id)).clipCount).toBe(1);
      // The same video dropped in without the character: its clip too.
      const bare = await submit(rt, {
        prompt: "<IMAGE_REF_0> moves like <VIDEO_REF_0>",
        referenceIds: [refs[1]!],
        referenceVideoIds: [videos[1]!],
        model: "preview",
      });
      expect(bare.generation.characters).toContainEqual({ id: made.id, name: "Mover" });
      expect((await getCharacter(rt.db.prisma, made.id)).clipCount).toBe(2);
    });
  });
});

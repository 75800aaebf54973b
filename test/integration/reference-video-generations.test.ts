import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GenerationDTO } from "@/lib/generations/dto";
import { findGenerationRecord, listGenerations } from "@/lib/generations/repo";
import { makeFinal, retryGeneration } from "@/lib/generations/rerun";
import { providerJob } from "@/lib/generations/worker/provider-job";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { generationDeps } from "@/lib/server/runtime";
import type { FakeFal } from "@/test/fakes/fal-server";
import { storedPath } from "@/test/support/stored";
import { testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { uploadVideos } from "../support/reference-videos";
import { newKey, removeDir, submit, type TestRuntime, waitFor } from "../support/runtime";

// Reference videos in a generation, through the real service, worker and fal provider against the fake
// fal server: stored in order beside the clip, sent as reference_video_urls in that order (each uploaded to
// fal storage once), kept by Retry; and every request a version cannot take refused by the studio with the
// field and the limit, before anything reaches fal.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "omni-refvideo-gen-"));
});
afterAll(() => removeDir(dir));

const PROMPT = "<IMAGE_REF_0> dances like <VIDEO_REF_0>, then moves like <VIDEO_REF_1> past <IMAGE_REF_1>.";

describe.each(await dbKinds())("reference videos in generations on %s", (kind) => {
  let fake: FakeFal;
  let rt: TestRuntime;
  let refs: string[];
  let videos: string[];
  useStudio(kind, {
    fal: { queueMs: 40, runMs: 60 },
    references: { count: 2, seed: 500 },
    ready: (s) => ({ fal: fake, rt, refs } = s),
  });
  beforeAll(async () => {
    videos = await uploadVideos(rt, dir, 3, 40);
  }, 120_000);

  /** The bytes fal storage holds behind one of the fake's file URLs. */
  const uploaded = (url: string) => {
    const token = /\/files\/uploads\/([^/]+)\//.exec(new URL(url).pathname)?.[1];
    return token ? fake.files.get(token)?.bytes : undefined;
  };
  const storedBytes = async (assetId: string) => {
    const asset = await rt.db.prisma.asset.findUniqueOrThrow({ where: { id: assetId } });
    return new Uint8Array(await readFile(await storedPath(rt.store, asset.mediaKey)));
  };

  it("sends the videos as reference_video_urls in list order, and keeps them on the clip", async () => {
    const order = [videos[2]!, videos[0]!];
    const { generation } = await submit(rt, {
      prompt: PROMPT,
      referenceIds: refs,
      referenceVideoIds: order,
      referenceVideoNames: ["spin", ""],
      model: "fal-v1.2",
      resolution: "1080p",
    });
    expect(generation.referenceVideos.map((v) => [v.id, v.position, v.kind])).toEqual([
      [order[0], 0, "video"],
      [order[1], 1, "video"],
    ]);
    expect(generation.referenceVideos[0]?.label).toBe("spin");
    // No name given: the file's.
    expect(generation.referenceVideos[1]?.label).toBe("motion-40.mp4");
    expect(generation.referenceVideos[0]?.video.posterUrl).toMatch(/^\/api\/media\/[a-f0-9]{64}\.webp$/);
    expect(generation.referenceVideos[0]?.thumbUrl).toMatch(/\.webp$/);

    const done = await waitFor(rt, generation.id);
    expect(done.status, JSON.stringify(done.error)).toBe("completed");
    const input = fake.jobs.get(done.requestId!)!.input as Record<string, unknown>;
    expect(input).toMatchObject({ prompt: PROMPT, resolution: "1080p", aspect_ratio: "16:9", duration: 3 });
    const urls = input.reference_video_urls as string[];
    expect(urls).toHaveLength(2);
    for (const [i, id] of order.entries()) {
      expect(Buffer.compare(Buffer.from(uploaded(urls[i]!)!), Buffer.from(await storedBytes(id)))).toBe(0);
    }
    expect(input.image_urls).toHaveLength(2);
    const submitted = fake.requests.filter(
      (r) => r.method === "POST" && r.path.includes("reference-to-video"),
    );
    expect(submitted.at(-1)?.path).toContain("/google/gemini-omni-flash/v1.2/reference-to-video");
    expect(done.referenceVideos.map((v) => v.id)).toEqual(order);

    // Once in fal storage, a video is not uploaded again (cached by asset, like images).
    const uploadsBefore = fake.counts.uploads;
    const again = await submit(rt, {
      prompt: PROMPT,
      referenceIds: refs,
      referenceVideoIds: order,
      model: "fal-v1.1",
    });
    const second = await waitFor(rt, again.generation.id);
    expect(second.status).toBe("completed");
    expect(fake.counts.uploads).toBe(uploadsBefore);
    expect((fake.jobs.get(second.requestId!)!.input as Record<string, unknown>).reference_video_urls).toEqual(
      urls,
    );
  });

  it("keeps the videos, their order and names on Retry, and hands them to every provider in the job's input", async () => {
    const { generation } = await submit(rt, {
      prompt: "<IMAGE_REF_0> walks like <VIDEO_REF_0> and <VIDEO_REF_1>",
      referenceIds: [refs[0]!],
      referenceVideoIds: [videos[1]!, videos[2]!],
      referenceVideoNames: ["stride", "sway"],
      model: "fal-v1.2",
    });
    await waitFor(rt, generation.id);
    const retried = await retryGeneration(
      generationDeps(rt),
      await testOwner(rt.db.prisma),
      generation.id,
      newKey(),
    );
    const copy = retried.generation;
    expect(copy.retryOfId).toBe(generation.id);
    expect(copy.modelVersion).toBe("fal-v1.2");
    expect(copy.referenceVideos.map((v) => [v.id, v.label])).toEqual([
      [videos[1], "stride"],
      [videos[2], "sway"],
    ]);
    const done = await waitFor(rt, copy.id);
    expect(
      (fake.jobs.get(done.requestId!)!.input as Record<string, unknown>).reference_video_urls,
    ).toHaveLength(2);

    // What the worker hands a provider (the preview engine's renderer included): the videos' files, in order.
    const record = (await findGenerationRecord(rt.db.prisma, copy.id))!;
    const job = providerJob(rt.store, record, record.references, record.videoReferences);
    expect(job.input.videos?.map((v) => v.assetId)).toEqual([videos[1], videos[2]]);
    for (const v of job.input.videos ?? [])
      expect((await v.withFile((f) => readFile(f))).length).toBeGreaterThan(0);
  });

  it("keeps the videos when a draft is made final", async () => {
    const { generation } = await submit(rt, {
      prompt: "<IMAGE_REF_0> walks like <VIDEO_REF_0>",
      referenceIds: [refs[0]!],
      referenceVideoIds: [videos[2]!],
      model: "fal-v1.2",
      resolution: "360p",
    });
    await waitFor(rt, generation.id);
    const owner = await testOwner(rt.db.prisma);
    const final = (await makeFinal(generationDeps(rt), owner, generation.id, "1080p", newKey())).generation;
    expect([final.resolution, final.referenceVideos.map((v) => v.id)]).toEqual(["1080p", [videos[2]]]);
    const done = await waitFor(rt, final.id);
    const input = fake.jobs.get(done.requestId!)!.input as Record<string, unknown>;
    expect([input.resolution, (input.reference_video_urls as string[]).length]).toEqual(["1080p", 1]);
  });

  it("finds clips by a reference video, like by an image", async () => {
    const { generation } = await submit(rt, {
      prompt: "<IMAGE_REF_0> like <VIDEO_REF_0>",
      referenceIds: [refs[1]!],
      referenceVideoIds: [videos[0]!],
      model: "fal-v1.1",
    });
    await waitFor(rt, generation.id);
    const page = await listGenerations(rt.db.prisma, { limit: 50, assetId: videos[0]! });
    expect(page.items.map((g: GenerationDTO) => g.id)).toContain(generation.id);
  });

  describe("refuses, naming the field and the limit, before anything reaches fal", () => {
    async function refusal(input: Record<string, unknown>): Promise<AppError> {
      // Every earlier clip finished, so any request to fal from here on is this one's.
      for (const g of await rt.db.prisma.generation.findMany({ select: { id: true } }))
        await waitFor(rt, g.id);
      const before = {
        requests: fake.requests.length,
        submits: fake.counts.submits,
        uploads: fake.counts.uploads,
        clips: await rt.db.prisma.generation.count(),
      };
      const err = await submit(rt, { referenceIds: refs, ...input }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect({
        requests: fake.requests.length,
        submits: fake.counts.submits,
        uploads: fake.counts.uploads,
        clips: await rt.db.prisma.generation.count(),
      }).toEqual(before);
      return err as AppError;
    }

    it("videos on a version without them, named or by default", async () => {
      const named = await refusal({
        prompt: "<VIDEO_REF_0>",
        referenceVideoIds: [videos[0]],
        model: "fal-v1",
      });
      expect(named.status).toBe(422);
      expect(named.fields?.referenceVideoIds).toBe(
        "Omni Flash 1.0 takes no reference videos: pick Omni Flash 1.1 or newer, or remove the videos",
      );
      const byDefault = await refusal({ prompt: "<VIDEO_REF_0>", referenceVideoIds: [videos[0]] });
      expect(byDefault.fields?.referenceVideoIds).toContain("Omni Flash 1.0 takes no reference videos");
    });

    it("too many videos, out-of-range video tags and mismatched names", async () => {
      const four = await refusal({
        prompt: "x",
        referenceVideoIds: [...videos, "zzzzzzzzzz"],
        model: "fal-v1.2",
      });
      expect(four.fields?.referenceVideoIds).toBe("use at most 3 reference videos");
      const tag = await refusal({
        prompt: "<VIDEO_REF_2> spins",
        referenceVideoIds: videos.slice(0, 2),
        model: "fal-v1.2",
      });
      expect(tag.fields?.prompt).toBe(
        "<VIDEO_REF_2> has no reference video: with 2 reference videos use <VIDEO_REF_0> to <VIDEO_REF_1>",
      );
      const image = await refusal({ prompt: "<IMAGE_REF_2> and <VIDEO_REF_0>", model: "fal-v1.2" });
      expect(image.fields?.prompt).toBe(
        "<IMAGE_REF_2> has no reference image: with 2 references use <IMAGE_REF_0> to <IMAGE_REF_1>; <VIDEO_REF_0> has no reference video: this request has no reference videos",
      );
      const names = await refusal({
        prompt: "x",
        referenceVideoIds: [videos[0]],
        referenceVideoNames: [],
        model: "fal-v1.2",
      });
      expect(names.fields?.referenceVideoNames).toBe(
        "referenceVideoNames must have one entry per reference video id",
      );
    });

    it("an image among the videos, a video among the images, an unknown video", async () => {
      const swapped = await refusal({
        prompt: "x",
        referenceVideoIds: [refs[0]],
        referenceIds: [refs[1]],
        model: "fal-v1.2",
      });
      expect(swapped.code).toBe("wrong_reference_kind");
      expect(swapped.message).toContain("reference video 1 (<VIDEO_REF_0>) is an image");
      const inImages = await refusal({ prompt: "x", referenceIds: [videos[0]], model: "fal-v1.2" });
      expect(inImages.code).toBe("wrong_reference_kind");
      expect(inImages.message).toContain("reference 1 (<IMAGE_REF_0>) is a video");
      const unknown = await refusal({ prompt: "x", referenceVideoIds: ["nosuchvideo1"], model: "fal-v1.2" });
      expect(unknown.code).toBe("unknown_reference");
      expect(unknown.fields?.referenceVideoIds).toContain("nosuchvideo1");
    });

    it("a video longer than the version takes (one stored when the limits were wider)", async () => {
      const asset = await rt.db.prisma.asset.findUniqueOrThrow({ where: { id: videos[0]! } });
      const long = await rt.db.prisma.asset.create({
        data: {
          ...asset,
          id: newId(),
          sha256: `${asset.sha256.slice(0, 60)}beef`,
          durationSec: 5,
          trimOf: null,
        },
      });
      const err = await refusal({ prompt: "x", referenceVideoIds: [long.id], model: "fal-v1.2" });
      expect(err.fields?.referenceVideoIds).toBe("Omni Flash 1.2 takes videos of at most 3 s");
      expect(err.message).toContain("is 5 s long; Omni Flash 1.2 takes reference videos of at most 3 s");
    });
  });
});

// Tiers above 720p on the preview engine, end to end: the clip is stored at its tier (the clip page plays
// that file, served with ranges like any other), its poster stays small, and once saved it gets a small
// silent copy for gallery cards to hover-play, made again after a restart that lost it.
import { readFile } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { GET as mediaRoute } from "@/app/api/media/[key]/route";
import type { GenerationDTO } from "@/lib/generations/dto";
import { probeVideo } from "@/lib/media/probe";
import { storedPath } from "@/test/support/stored";
import { addMember } from "../support/accounts";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { installRuntime, submit, type TestRuntime, waitFor } from "../support/runtime";

const keyOf = (url: string | null) => url!.slice(url!.lastIndexOf("/") + 1);

describe.each(await dbKinds())("hover renditions and 4K media on %s", (kind) => {
  const studio = useStudio(kind, {
    references: { count: 2, seed: 300 },
    ready: (s) => installRuntime(s.rt),
  });
  afterAll(() => installRuntime(undefined));
  let uhd: GenerationDTO;

  const make = async (rt: TestRuntime, resolution: string) => {
    const { generation } = await submit(rt, {
      referenceIds: studio.refs,
      model: "preview",
      resolution,
      duration: 3,
    });
    const done = await waitFor(rt, generation.id, undefined, 120_000);
    expect(done.status).toBe("completed");
    return done;
  };

  it("stores a 4K clip at 4K with a small poster, and gives cards a silent 480p copy after the save", async () => {
    const { rt } = studio;
    const made = await make(rt, "4k");
    expect(made.resolution).toBe("4k");
    const stored = await probeVideo(await storedPath(rt.store, keyOf(made.videoUrl)));
    expect([stored.width, stored.height, stored.hasAudio]).toEqual([3840, 2160, true]);
    expect((await rt.store.stat(keyOf(made.posterUrl)))!.size).toBeLessThan(40 * 1024);

    await rt.worker.renditions.idle();
    uhd = await waitFor(rt, made.id, (g) => g.hoverUrl !== null);
    expect(uhd.hoverUrl).toMatch(/^\/api\/media\/[a-f0-9]{64}\.mp4$/);
    expect(uhd.hoverUrl).not.toBe(uhd.videoUrl);
    // The clip page still plays the stored 4K file.
    expect(uhd.videoUrl).toBe(made.videoUrl);
    const hover = await probeVideo(await storedPath(rt.store, keyOf(uhd.hoverUrl)));
    expect([hover.width, hover.height, hover.videoCodec, hover.hasAudio]).toEqual([854, 480, "h264", false]);
    expect(Math.abs(hover.durationSec - stored.durationSec)).toBeLessThan(0.2);
    const [small, big] = await Promise.all([
      rt.store.stat(keyOf(uhd.hoverUrl)),
      rt.store.stat(keyOf(uhd.videoUrl)),
    ]);
    expect(small!.size).toBeLessThan(big!.size / 5);
  }, 180_000);

  it("leaves a 720p clip to play as stored", async () => {
    const { rt } = studio;
    const hd = await make(rt, "720p");
    await rt.worker.renditions.idle();
    const after = await waitFor(rt, hd.id);
    expect(after.hoverUrl).toBeNull();
    const probe = await probeVideo(await storedPath(rt.store, keyOf(after.videoUrl)));
    expect([probe.width, probe.height]).toEqual([1280, 720]);
  }, 120_000);

  it("serves the middle of the 4K file with Range: 206 and exactly the bytes asked", async () => {
    const owner = await addMember(studio.rt, "owner");
    const key = keyOf(uhd.videoUrl);
    const file = await readFile(await storedPath(studio.rt.store, key));
    const start = Math.floor(file.length / 2);
    const end = start + 65_535;
    const res = await mediaRoute(
      new Request(`http://studio.test/api/media/${key}`, {
        headers: { ...owner.session, range: `bytes=${start}-${end}` },
      }),
      { params: Promise.resolve({ key }) },
    );
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes ${start}-${end}/${file.length}`);
    expect(res.headers.get("content-length")).toBe("65536");
    expect(res.headers.get("content-type")).toBe("video/mp4");
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(file.subarray(start, end + 1))).toBe(true);
  });

  it("makes a rendition a restart lost, when the studio starts again", async () => {
    await studio.rt.db.prisma.generation.update({ where: { id: uhd.id }, data: { hoverKey: null } });
    const rt = await studio.restart();
    installRuntime(rt);
    const again = await waitFor(rt, uhd.id, (g) => g.hoverUrl !== null, 60_000);
    const hover = await probeVideo(await storedPath(rt.store, keyOf(again.hoverUrl)));
    expect([hover.width, hover.height, hover.hasAudio]).toEqual([854, 480, false]);
  }, 90_000);
});

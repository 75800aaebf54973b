// Review data on the server, on PGlite and PostgreSQL: characters and the clips that used them, star,
// status and chosen take, the record a download carries, and the spend ledger. Comments: comments.test.ts.
import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  createCharacter,
  deleteCharacter,
  getCharacter,
  listCharacters,
  updateCharacter,
} from "@/lib/characters/service";
import { ledger } from "@/lib/generations/ledger";
import { clipRecordTags } from "@/lib/generations/record";
import { findVisibleGeneration, listGenerations, toGenerationDTO } from "@/lib/generations/repo";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { copyWithMetadata } from "@/lib/media/metadata";
import { tool } from "@/lib/media/tools";
import { updateReview } from "@/lib/review/service";
import { storedPath } from "@/test/support/stored";
import { testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { fail } from "../support/review";
import { removeDir, submit, type TestRuntime, waitFor } from "../support/runtime";

describe.each(await dbKinds())("review data rules on %s", (kind) => {
  let rt: TestRuntime;
  let refs: string[];
  useStudio(kind, {
    references: { count: 3, seed: 700 },
    ready: (s) => ({ rt, refs } = s),
  });

  it("finds every clip that used a character's images, made before or after it was saved, and keeps them when it is deleted", async () => {
    // Made before the character existed, from the image it will hold: it belongs to it too.
    const before = await submit(rt, { referenceIds: [refs[1]!] });
    await waitFor(rt, before.generation.id);
    const hero = await createCharacter(rt.db.prisma, await testOwner(rt.db.prisma), {
      name: "  Mara\u202e ",
      description: "Red coat, short hair",
      images: [
        { assetId: refs[0]!, label: "front" },
        { assetId: refs[1]!, label: "side" },
      ],
    });
    expect(hero.name).toBe("Mara");
    expect(hero.images.map((i) => i.label)).toEqual(["front", "side"]);

    const a = await submit(rt, {
      referenceIds: [refs[0]!, refs[2]!],
      referenceCharacterIds: [hero.id, null],
    });
    const b = await submit(rt, { referenceIds: [refs[0]!], referenceCharacterIds: [hero.id], duration: 4 });
    const loose = await submit(rt, { referenceIds: [refs[0]!] });
    for (const g of [a, b, loose]) await waitFor(rt, g.generation.id);

    // Inserted as the character, or dropped in as the bare image, before or after: all its clips.
    const mine = [a, b, loose, before].map((g) => g.generation.id).sort();
    const byCharacter = await listGenerations(rt.db.prisma, { limit: 50, characterId: hero.id });
    expect(byCharacter.items.map((g) => g.id).sort()).toEqual(mine);
    for (const g of byCharacter.items) expect(g.characters).toEqual([{ id: hero.id, name: "Mara" }]);
    const byImage = await listGenerations(rt.db.prisma, { limit: 50, assetId: refs[2]! });
    expect(byImage.items.map((g) => g.id)).toEqual([a.generation.id]);
    expect(byImage.items[0]?.characters).toEqual([{ id: hero.id, name: "Mara" }]);
    expect((await getCharacter(rt.db.prisma, hero.id)).clipCount).toBe(4);
    // A clip of none of its images is not its.
    const other = await submit(rt, { referenceIds: [refs[2]!] });
    expect((await waitFor(rt, other.generation.id)).characters).toEqual([]);
    expect((await getCharacter(rt.db.prisma, hero.id)).clipCount).toBe(4);

    await deleteCharacter(rt.db.prisma, await testOwner(rt.db.prisma), hero.id);
    expect(await listCharacters(rt.db.prisma)).toEqual([]);
    for (const g of [a, b]) {
      const kept = await findVisibleGeneration(rt.db.prisma, g.generation.id);
      expect((await waitFor(rt, g.generation.id)).characters).toEqual([]);
      expect(kept?.status).toBe("completed");
      expect(kept?.references[0]?.characterId).toBeNull();
      expect(kept?.references[0]?.assetId).toBe(refs[0]);
    }
  });

  it("refuses a character with no images, six images or an unknown image", async () => {
    expect(
      (await fail(createCharacter(rt.db.prisma, await testOwner(rt.db.prisma), { name: "x", images: [] })))
        ?.message,
    ).toMatch(/at least 1 image/);
    const six = Array.from({ length: 6 }, (_, i) => ({ assetId: `asset0000${i}` }));
    expect(
      (await fail(createCharacter(rt.db.prisma, await testOwner(rt.db.prisma), { name: "x", images: six })))
        ?.message,
    ).toMatch(/at most 5/);
    expect(
      (
        await fail(
          createCharacter(rt.db.prisma, await testOwner(rt.db.prisma), {
            name: "x",
            images: [{ assetId: "nosuchasset1" }],
          }),
        )
      )?.code,
    ).toBe("unknown_reference");
  });

  it("keeps a character's main image and voice note through edits, and refuses a main image it does not hold", async () => {
    const prisma = rt.db.prisma;
    const owner = await testOwner(prisma);
    const [a, b, c] = refs as [string, string, string];
    // Absent on a create: the first image is the main one.
    const plain = await createCharacter(prisma, owner, { name: "Plain", images: [{ assetId: b }] });
    expect(plain.mainImageId).toBe(b);
    expect(plain.voiceNote).toBe("");
    const made = await createCharacter(prisma, owner, {
      name: "Mara Kel",
      images: [{ assetId: a }, { assetId: b }],
      mainAssetId: b,
      voiceNote: "  a low,\n unhurried voice  ",
    });
    expect(made.mainImageId).toBe(b);
    expect(made.voiceNote).toBe("a low, unhurried voice");
    // Reordered and grown without naming the main image or the voice: both are kept.
    const reordered = await updateCharacter(prisma, owner, made.id, {
      name: "Mara Kel",
      images: [{ assetId: c }, { assetId: b }, { assetId: a }],
    });
    expect(reordered.images.map((i) => i.id)).toEqual([c, b, a]);
    expect(reordered.mainImageId).toBe(b);
    expect(reordered.voiceNote).toBe("a low, unhurried voice");
    // The main image removed: the first image stands for it.
    const shrunk = await updateCharacter(prisma, owner, made.id, {
      name: "Mara Kel",
      images: [{ assetId: a }, { assetId: c }],
      voiceNote: "",
    });
    expect(shrunk.mainImageId).toBe(a);
    expect(shrunk.voiceNote).toBe("");
    // A main image the character does not hold: refused on its field, nothing changed.
    const refused = await fail(
      updateCharacter(prisma, owner, made.id, { name: "Renamed", images: [{ assetId: a }], mainAssetId: c }),
    );
    expect(refused?.fields?.mainAssetId).toMatch(/one of the character's images/);
    const kept = await getCharacter(prisma, made.id);
    expect([kept.name, kept.images.length, kept.mainImageId]).toEqual(["Mara Kel", 2, a]);
  });

  it("stars, approves and chooses one take per group", async () => {
    const { generations } = await submit(rt, { referenceIds: [refs[0]!], takes: 2 });
    for (const g of generations) await waitFor(rt, g.id);
    const [t0, t1] = generations.map((g) => g.id) as [string, string];
    await updateReview(rt.db.prisma, await testOwner(rt.db.prisma), {
      generationId: t0,
      chosen: true,
      favorite: true,
    });
    const picked = await updateReview(rt.db.prisma, await testOwner(rt.db.prisma), {
      generationId: t1,
      chosen: true,
      reviewStatus: "approved",
    });
    expect(picked).toMatchObject({ chosen: true, reviewStatus: "approved" });
    const first = toGenerationDTO((await findVisibleGeneration(rt.db.prisma, t0))!);
    expect(first).toMatchObject({ chosen: false, favorite: true, reviewStatus: "pending" });

    const chosenOnly = await listGenerations(rt.db.prisma, { limit: 100, chosenOnly: true });
    const ids = chosenOnly.items.map((g) => g.id);
    expect(ids).toContain(t1);
    expect(ids).not.toContain(t0);
    expect(
      (await listGenerations(rt.db.prisma, { limit: 100, review: "approved" })).items.map((g) => g.id),
    ).toEqual([t1]);
    expect(
      (await listGenerations(rt.db.prisma, { limit: 100, favorite: true })).items.map((g) => g.id),
    ).toEqual([t0]);
    expect(
      (
        await fail(
          updateReview(rt.db.prisma, await testOwner(rt.db.prisma), {
            generationId: t0,
            reviewStatus: "great",
          }),
        )
      )?.status,
    ).toBe(422);
  });

  it("writes the clip's record into a downloaded copy and leaves the stored file untouched", async () => {
    const { generation } = await submit(rt, {
      referenceIds: [refs[0]!, refs[1]!],
      referenceNames: ["Mara", "Alley"],
    });
    const done = await waitFor(rt, generation.id);
    const stored = await storedPath(rt.store, done.videoUrl!.split("/").pop()!);
    const before = await runFfmpeg([
      "-v",
      "error",
      "-i",
      stored,
      "-map",
      "0",
      "-c",
      "copy",
      "-f",
      "md5",
      "-",
    ]);
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), "omni-meta-")), "clip.mp4");
    await copyWithMetadata(stored, out, clipRecordTags(done));
    const { stdout } = await promisify(execFile)(tool("ffprobe").path, [
      "-v",
      "error",
      "-show_format",
      "-of",
      "json",
      out,
    ]);
    const tags = JSON.parse(stdout).format.tags as Record<string, string>;
    expect(tags.omni_prompt).toBe(done.prompt);
    expect(tags.omni_provider).toBe("preview");
    expect(tags.omni_references).toBe(done.references.map((r) => r.sha256).join(","));
    expect(JSON.parse(tags.comment!).references[1]).toMatchObject({ label: "Alley", tag: "<IMAGE_REF_1>" });
    const after = await runFfmpeg(["-v", "error", "-i", stored, "-map", "0", "-c", "copy", "-f", "md5", "-"]);
    expect(after.toString()).toBe(before.toString());
    await removeDir(path.dirname(out));
  });

  it("keeps a ledger per day and per character from the stored costs", async () => {
    const book = await ledger(rt.db.prisma, 7);
    const today = new Date().toISOString().slice(0, 10);
    expect(book.days[0]?.day).toBe(today);
    expect(book.days[0]?.completed).toBeGreaterThan(0);
    expect(book.totals.completedUsd).toBe(0);
  });
});

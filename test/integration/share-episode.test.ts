// Review links for a whole project or one sequence (issue 19), on PGlite and PostgreSQL: what each
// covers (a project's clips and sequences; a sequence's chosen takes as chosen when the guest looks),
// what it refuses (other projects' clips and sequences, a shot's other takes, their media), comments on a
// sequence's clock landing on the take playing then in the guest's name, the link's project, and bad
// targets named. The clip, take and gallery-view links: share-links.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/share-links/route";
import type { GenerationDTO } from "@/lib/generations/dto";
import { createProject } from "@/lib/projects/service";
import { listComments } from "@/lib/review/comments";
import type { SequenceDTO } from "@/lib/sequences/dto";
import { createSequence } from "@/lib/sequences/service";
import { addShot, updateShot } from "@/lib/sequences/shots";
import type { GuestSequenceCommentDTO, GuestSequenceDTO, GuestViewDTO } from "@/lib/share/dto";
import { testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { submit, type TestRuntime, waitFor } from "../support/runtime";
import { call, ctx, errorOf, Guest, keyOf, useShareStudio } from "../support/share-links";

for (const kind of await dbKinds()) {
  describe(`project and sequence links (${kind})`, () => {
    const h = useShareStudio(kind);
    let rt: TestRuntime;
    let projectId: string;
    let seq: SequenceDTO;
    let other: SequenceDTO;
    /** Shot 1's two takes (the first chosen), shot 2's one take (chosen); shot 3 has none. */
    let shotTakes: GenerationDTO[][];
    let loose: GenerationDTO;

    beforeAll(async () => {
      rt = h.rt;
      const prisma = rt.db.prisma;
      const owner = await testOwner(prisma);
      projectId = (await createProject(prisma, owner, { name: "Harbour" })).id;
      seq = await createSequence(prisma, owner, { projectId, title: "Harbour chase", aspectRatio: "16:9" });
      other = await createSequence(prisma, owner, { projectId, title: "Not shared", aspectRatio: "16:9" });
      const shots = [
        await addShot(prisma, owner, seq.id, { title: "Pier" }),
        await addShot(prisma, owner, seq.id, { title: "Boat" }),
        await addShot(prisma, owner, seq.id, { title: "Gulls" }),
      ];
      // Takes from different pictures: the preview engine renders the same pictures to the same file
      // (one stored, content-addressed), and the media checks need the takes' files to differ.
      shotTakes = [];
      for (const [i, pictures] of [[h.refs[0]!, h.refs[2]!], [h.refs[1]!]].entries()) {
        const done = [];
        for (const ref of pictures) {
          const made = await submit(rt, { referenceIds: [ref], shotId: shots[i]!.id });
          done.push(await waitFor(rt, made.generation.id, (x) => x.status === "completed"));
        }
        await updateShot(prisma, owner, shots[i]!.id, { chosenGenerationId: done[0]!.id });
        shotTakes.push(done);
      }
      const l = await submit(rt, {
        referenceIds: [h.refs[2]!],
        projectId,
        prompt: "<IMAGE_REF_0> loose clip",
      });
      loose = await waitFor(rt, l.generation.id, (x) => x.status === "completed");
    }, 180_000);

    const named = async (token: string) => {
      const guest = new Guest(token);
      expect((await guest.name("Ana")).status).toBe(200);
      return guest;
    };

    it("refuses a project or sequence that does not exist, naming target, and makes nothing", async () => {
      const before = await rt.db.prisma.shareLink.count();
      for (const body of [
        { kind: "project", target: "nosuchproject0" },
        { kind: "sequence", target: "nosuchsequence" },
        { kind: "sequence", target: "../etc" },
        { kind: "gallery_view", target: "project=nosuchproject0&status=completed" },
      ]) {
        const r = await h.share(body);
        expect(r.status, JSON.stringify(body)).toBe(404);
        expect((await errorOf(r)).fields?.target).toBeDefined();
      }
      expect(await rt.db.prisma.shareLink.count()).toBe(before);
    });

    it("shares a sequence: its chosen takes and the sequence itself, nothing else", async () => {
      const { token, link } = await h.shareOk({ kind: "sequence", target: seq.id, permissions: ["comment"] });
      expect(link).toMatchObject({ kind: "sequence", target: seq.id, projectId });
      const guest = await named(token);

      const view = (await (await guest.view()).json()) as GuestViewDTO;
      const chosen = [shotTakes[0]![0]!, shotTakes[1]![0]!];
      expect(view.clips.map((c) => c.id)).toEqual(chosen.map((c) => c.id));
      expect(view.sequences.map((s) => s.id)).toEqual([seq.id]);
      expect(view.sequences[0]).toMatchObject({ shotCount: 3, chosenCount: 2 });

      const read = await guest.sequence(seq.id);
      expect(read.status).toBe(200);
      const { sequence } = (await read.json()) as { sequence: GuestSequenceDTO };
      expect(sequence.shots.map((s) => [s.title, s.chosen?.id ?? null])).toEqual([
        ["Pier", chosen[0]!.id],
        ["Boat", chosen[1]!.id],
        ["Gulls", null],
      ]);
      expect(sequence.shots[0]!.chosen!.videoUrl).toMatch(new RegExp(`^/api/r/${token}/media/`));
      expect(JSON.stringify(sequence)).not.toContain("/api/media/");

      // The chosen takes' media, not the unchosen take's, nor another project's clip's.
      expect((await guest.media(keyOf(chosen[0]!.videoUrl))).status).toBe(200);
      expect((await guest.media(keyOf(shotTakes[0]![1]!.videoUrl))).status).toBe(404);
      expect((await guest.media(keyOf(h.clipA.videoUrl))).status).toBe(404);
      expect((await guest.sequence(other.id)).status).toBe(404);
      expect((await guest.comments(shotTakes[0]![1]!.id)).status).toBe(404);
    });

    it("puts a guest's comment on the sequence's clock on the take playing then, in the guest's name", async () => {
      const { token } = await h.shareOk({ kind: "sequence", target: seq.id, permissions: ["comment"] });
      const guest = await named(token);
      const first = shotTakes[0]![0]!;
      const atSec = first.videoDurationSec! + 0.75;
      const posted = await guest.sequenceComment(seq.id, { atSec, body: "The boat is late" });
      expect(posted.status).toBe(201);
      const { comment } = (await posted.json()) as { comment: GuestSequenceCommentDTO };
      expect(comment).toMatchObject({
        shotTitle: "Boat",
        shotPosition: 1,
        authorName: "Ana (guest)",
        mine: true,
      });
      expect(comment.sequenceSec).toBeCloseTo(atSec, 3);

      const onTake = await listComments(rt.db.prisma, shotTakes[1]![0]!.id);
      const stored = onTake.find((c) => c.body === "The boat is late");
      expect(stored?.atSec).toBeCloseTo(0.75, 3);
      expect(stored?.guest).toBe(true);

      const listed = (await (await guest.sequenceComments(seq.id)).json()) as {
        items: GuestSequenceCommentDTO[];
      };
      expect(listed.items.map((c) => c.body)).toContain("The boat is late");

      // Past the end: named, nothing made.
      const past = await guest.sequenceComment(seq.id, { atSec: 999, body: "Too late" });
      expect(past.status).toBe(422);
      expect((await errorOf(past)).message).toMatch(/past the sequence's end/);

      // A link without comments lets the guest read, not write.
      const viewOnly = await named((await h.shareOk({ kind: "sequence", target: seq.id })).token);
      expect((await viewOnly.sequenceComments(seq.id)).status).toBe(200);
      const refused = await viewOnly.sequenceComment(seq.id, { atSec: 0.5, body: "Let me in" });
      expect(refused.status).toBe(403);
      expect((await errorOf(refused)).message).toMatch(/does not let you comment/);
      expect((await listComments(rt.db.prisma, first.id)).map((c) => c.body)).not.toContain("Let me in");
    });

    it("follows the choice: a take chosen later joins a sequence link, the one it replaced leaves", async () => {
      const { token } = await h.shareOk({ kind: "sequence", target: seq.id });
      const guest = await named(token);
      const [was, now] = shotTakes[0]!;
      const owner = await testOwner(rt.db.prisma);
      const shotId = (await rt.db.prisma.generation.findUniqueOrThrow({ where: { id: was!.id } })).shotId!;
      await updateShot(rt.db.prisma, owner, shotId, { chosenGenerationId: now!.id });
      try {
        expect((await guest.media(keyOf(now!.videoUrl))).status).toBe(200);
        expect((await guest.media(keyOf(was!.videoUrl))).status).toBe(404);
      } finally {
        await updateShot(rt.db.prisma, owner, shotId, { chosenGenerationId: was!.id });
      }
    });

    it("shares a project: its clips and sequences, not another project's", async () => {
      const { token, link } = await h.shareOk({ kind: "project", target: projectId });
      expect(link.projectId).toBe(projectId);
      const guest = await named(token);
      const view = (await (await guest.view()).json()) as GuestViewDTO;
      const ids = view.clips.map((c) => c.id);
      expect(ids).toContain(loose.id);
      expect(ids).toEqual(expect.arrayContaining([...shotTakes.flat().map((g) => g.id)]));
      expect(ids).not.toContain(h.clipA.id);
      expect(view.sequences.map((s) => s.title).sort()).toEqual(["Harbour chase", "Not shared"]);
      expect(view.sequences.find((s) => s.id === seq.id)?.posterUrl).toMatch(new RegExp(`^/api/r/${token}/`));

      expect((await guest.sequence(other.id)).status).toBe(200);
      expect((await guest.media(keyOf(loose.videoUrl))).status).toBe(200);
      expect((await guest.media(keyOf(h.clipA.videoUrl))).status).toBe(404);
      expect((await guest.comments(h.clipA.id)).status).toBe(404);

      // A sequence of another project is as unknown as one that does not exist.
      const owner = await testOwner(rt.db.prisma);
      const elsewhere = await createSequence(rt.db.prisma, owner, {
        projectId: h.clipA.projectId!,
        title: "Elsewhere",
        aspectRatio: "9:16",
      });
      expect((await guest.sequence(elsewhere.id)).status).toBe(404);
    });

    it("keeps each link's project: a gallery view of one project, and the project's links listed", async () => {
      const view = await h.shareOk({ kind: "gallery_view", target: `project=${projectId}&status=completed` });
      expect(view.link).toMatchObject({ projectId, target: `project=${projectId}&status=completed` });
      const clip = await h.shareOk({ kind: "generation", target: loose.id });
      expect(clip.link.projectId).toBe(projectId);
      const elsewhere = await h.shareOk({ kind: "generation", target: h.clipA.id });
      expect(elsewhere.link.projectId).toBe(h.clipA.projectId);

      const guest = await named(view.token);
      const seen = (await (await guest.view()).json()) as GuestViewDTO;
      expect(seen.clips.map((c) => c.id)).toContain(loose.id);
      expect(seen.clips.map((c) => c.id)).not.toContain(h.clipA.id);

      const listed = await listRoute(
        call("GET", `/api/share-links?project=${projectId}`, h.editor.bearer),
        ctx({}),
      );
      const items = ((await listed.json()) as { items: { id: string; projectId: string }[] }).items;
      expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([view.link.id, clip.link.id]));
      expect(items.map((i) => i.id)).not.toContain(elsewhere.link.id);
      expect(items.every((i) => i.projectId === projectId)).toBe(true);
    });
  });
}

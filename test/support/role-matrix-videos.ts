// The role matrix's cells for the reference video routes (test/integration/role-matrix-routes.test.ts):
// "Use as reference video" and "Continue from here" (a frame) on the matrix's finished clip, the character's video, and reading a stored asset
// (what the composer's `?referenceVideo=` hand-off reads).
import * as assetRoute from "@/app/api/assets/[id]/route";
import * as characterVideoRoute from "@/app/api/characters/[id]/video/route";
import * as framesRoute from "@/app/api/generations/[id]/frames/route";
import * as referenceVideoRoute from "@/app/api/generations/[id]/reference-video/route";
import { clipToReferenceVideo } from "@/lib/generations/clip-reference";
import { from, type Matrix } from "./role-matrix";

/** The first two seconds of the matrix's clip as a reference video asset, made once. */
function videoOf(m: Matrix): () => Promise<string> {
  let made: Promise<string> | undefined;
  return () => {
    const { db, store } = m.studio.rt;
    made ??= clipToReferenceVideo({ prisma: db.prisma, store }, m.clip.id, { startSec: 0, endSec: 2 }).then(
      (r) => r.asset.id,
    );
    return made;
  };
}

export function referenceVideoRouteCells(m: Matrix) {
  const video = videoOf(m);
  return [
    {
      name: "POST /api/generations/:id/reference-video",
      handler: referenceVideoRoute.POST,
      make: async () => ({ params: { id: m.clip.id }, body: { startSec: 0, endSec: 2 } }),
      expect: from("editor", 201),
    },
    {
      name: "POST /api/generations/:id/frames",
      handler: framesRoute.POST,
      make: async () => ({ params: { id: m.clip.id }, body: { atSec: 1 } }),
      expect: from("editor", 201),
    },
    {
      name: "GET /api/assets/:id",
      handler: assetRoute.GET,
      make: async () => ({ params: { id: await video() } }),
      expect: from("reviewer", 200),
    },
    {
      name: "PUT /api/characters/:id/video",
      handler: characterVideoRoute.PUT,
      make: async () => ({ params: { id: m.characterId }, body: { assetId: await video() } }),
      expect: from("editor", 200),
    },
    {
      name: "DELETE /api/characters/:id/video",
      handler: characterVideoRoute.DELETE,
      make: async () => ({ params: { id: m.characterId } }),
      expect: from("editor", 200),
    },
  ];
}

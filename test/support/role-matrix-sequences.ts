// The role matrix's cells for projects, sequences and shots (test/integration/role-matrix-routes.test.ts):
// reading takes a reviewer, changing an editor (archiving a project an admin: test/integration/sequences.test.ts).
// Each cell that changes something gets a fresh sequence with one shot.
import * as exportDownloadRoute from "@/app/api/exports/[id]/download/route";
import * as exportRoute from "@/app/api/exports/[id]/route";
import * as projectRoute from "@/app/api/projects/[id]/route";
import * as projectsRoute from "@/app/api/projects/route";
import * as sequenceCommentsRoute from "@/app/api/sequences/[id]/comments/route";
import * as sequenceExportRoute from "@/app/api/sequences/[id]/export/route";
import * as sequenceRoute from "@/app/api/sequences/[id]/route";
import * as shotListRoute from "@/app/api/sequences/[id]/shot-list/route";
import * as shotsRoute from "@/app/api/sequences/[id]/shots/route";
import * as sequencesRoute from "@/app/api/sequences/route";
import * as shotContinueRoute from "@/app/api/shots/[id]/continue/route";
import * as shotRestoreRoute from "@/app/api/shots/[id]/restore/route";
import * as shotRoute from "@/app/api/shots/[id]/route";
import { newId } from "@/lib/ids";
import { FIRST_PROJECT_ID } from "@/lib/projects/first";
import { createSequence } from "@/lib/sequences/service";
import { addShot, removeShot } from "@/lib/sequences/shots";
import { asActor } from "./accounts";
import { from, type Matrix } from "./role-matrix";

export function sequenceRouteCells(m: Matrix) {
  const prisma = () => m.studio.db.prisma;
  const owner = () => asActor(m.people.owner);
  const sequence = async () =>
    (
      await createSequence(prisma(), owner(), {
        projectId: FIRST_PROJECT_ID,
        title: "Matrix",
        aspectRatio: "16:9",
      })
    ).id;
  const shot = async () => (await addShot(prisma(), owner(), await sequence(), { title: "One" })).id;
  // An export with nothing to stitch (queued, or failed once a worker tries it): readable, no download.
  const queuedExport = async () => {
    const id = newId();
    const plan = { title: "Matrix", aspectRatio: "16:9", shots: [] };
    await prisma().sequenceExport.create({ data: { id, sequenceId: await sequence(), plan } });
    return id;
  };
  return [
    {
      name: "GET /api/projects",
      handler: projectsRoute.GET,
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "POST /api/projects",
      handler: projectsRoute.POST,
      make: async () => ({ body: { name: "Matrix project" } }),
      expect: from("editor", 201),
    },
    {
      name: "PATCH /api/projects/:id",
      handler: projectRoute.PATCH,
      make: async () => ({ params: { id: FIRST_PROJECT_ID }, body: { name: "First project" } }),
      expect: from("editor", 200),
    },
    {
      name: "POST /api/sequences",
      handler: sequencesRoute.POST,
      make: async () => ({ body: { projectId: FIRST_PROJECT_ID, title: "Opening", aspectRatio: "9:16" } }),
      expect: from("editor", 201),
    },
    {
      name: "GET /api/sequences/:id",
      handler: sequenceRoute.GET,
      make: async () => ({ params: { id: await sequence() } }),
      expect: from("reviewer", 200),
    },
    {
      name: "POST /api/sequences/:id/shots",
      handler: shotsRoute.POST,
      make: async () => ({ params: { id: await sequence() }, body: { title: "Harbour" } }),
      expect: from("editor", 201),
    },
    {
      name: "PATCH /api/shots/:id",
      handler: shotRoute.PATCH,
      make: async () => ({ params: { id: await shot() }, body: { cameraNote: "slow push in" } }),
      expect: from("editor", 200),
    },
    {
      name: "GET /api/shots/:id",
      handler: shotRoute.GET,
      make: async () => ({ params: { id: await shot() } }),
      expect: from("reviewer", 200),
    },
    {
      // Choosing (here: un-choosing) a take is a reviewer's, as on a clip page; the rest an editor's.
      name: "PATCH /api/shots/:id (choose a take)",
      handler: shotRoute.PATCH,
      make: async () => ({ params: { id: await shot() }, body: { chosenGenerationId: null } }),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/sequences",
      handler: sequencesRoute.GET,
      make: async () => ({ query: `?project=${FIRST_PROJECT_ID}` }),
      expect: from("reviewer", 200),
    },
    {
      name: "DELETE /api/shots/:id",
      handler: shotRoute.DELETE,
      make: async () => ({ params: { id: await shot() } }),
      expect: from("editor", 200),
    },
    {
      // An empty sequence cannot be exported: 422 for those allowed to ask.
      name: "POST /api/sequences/:id/export",
      handler: sequenceExportRoute.POST,
      make: async () => ({ params: { id: await sequence() } }),
      expect: from("editor", 422),
    },
    {
      name: "GET /api/sequences/:id/export",
      handler: sequenceExportRoute.GET,
      make: async () => ({ params: { id: await sequence() } }),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/sequences/:id/shot-list",
      handler: shotListRoute.GET,
      make: async () => ({ params: { id: await sequence() } }),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/sequences/:id/comments",
      handler: sequenceCommentsRoute.GET,
      make: async () => ({ params: { id: await sequence() } }),
      expect: from("reviewer", 200),
    },
    {
      // Nothing plays in a new sequence: 422 for everyone allowed to comment.
      name: "POST /api/sequences/:id/comments",
      handler: sequenceCommentsRoute.POST,
      make: async () => ({ params: { id: await sequence() }, body: { atSec: 0, body: "Hold" } }),
      expect: from("reviewer", 422),
    },
    {
      name: "GET /api/exports/:id",
      handler: exportRoute.GET,
      make: async () => ({ params: { id: await queuedExport() } }),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/exports/:id/download",
      handler: exportDownloadRoute.GET,
      make: async () => ({ params: { id: await queuedExport() } }),
      expect: from("reviewer", 409),
    },
    {
      // The first shot has nothing before it: 422 for those allowed to ask.
      name: "POST /api/shots/:id/continue",
      handler: shotContinueRoute.POST,
      make: async () => ({ params: { id: await shot() } }),
      expect: from("editor", 422),
    },
    {
      name: "POST /api/shots/:id/restore",
      handler: shotRestoreRoute.POST,
      make: async () => {
        const id = await shot();
        await removeShot(prisma(), owner(), id);
        return { params: { id } };
      },
      expect: from("editor", 200),
    },
  ];
}

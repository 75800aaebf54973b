// The role matrix's cells for what a clip's page reads and writes beside the clip itself
// (test/integration/role-matrix-routes.test.ts): comments, the download, the activity trail, the
// neighbours in a gallery view and who else is looking, all on the matrix's finished clip.
import * as activityRoute from "@/app/api/generations/[id]/activity/route";
import * as commentsRoute from "@/app/api/generations/[id]/comments/route";
import * as downloadRoute from "@/app/api/generations/[id]/download/route";
import * as neighborsRoute from "@/app/api/generations/[id]/neighbors/route";
import * as presenceRoute from "@/app/api/generations/[id]/presence/route";
import { from, type Matrix } from "./role-matrix";

export function clipPageRouteCells(m: Matrix) {
  return [
    {
      name: "GET /api/generations/:id/comments",
      handler: commentsRoute.GET,
      make: async () => ({ params: { id: m.clip.id } }),
      expect: from("reviewer", 200),
    },
    {
      name: "POST /api/generations/:id/comments",
      handler: commentsRoute.POST,
      make: async () => ({ params: { id: m.clip.id }, body: { body: "matrix", atSec: 0.5 } }),
      expect: from("reviewer", 201),
    },
    {
      name: "GET /api/generations/:id/download",
      handler: downloadRoute.GET,
      make: async () => ({ params: { id: m.clip.id } }),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/generations/:id/activity",
      handler: activityRoute.GET,
      make: async () => ({ params: { id: m.clip.id } }),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/generations/:id/neighbors",
      handler: neighborsRoute.GET,
      make: async () => ({ params: { id: m.clip.id } }),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/generations/:id/presence",
      handler: presenceRoute.GET,
      make: async () => ({ params: { id: m.clip.id } }),
      expect: from("reviewer", 200),
    },
    {
      name: "POST /api/generations/:id/presence",
      handler: presenceRoute.POST,
      make: async () => ({ params: { id: m.clip.id }, query: "?tab=matrix-tab-01" }),
      expect: from("reviewer", 204),
    },
  ];
}

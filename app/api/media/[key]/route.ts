import { apiRoute } from "@/lib/http/route";
import { isMediaKey } from "@/lib/media/keys";
import { mediaNotFound, serveMedia } from "@/lib/media/serve";
import { isVisibleMedia } from "@/lib/media/usage";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Members read any stored file that something they can see uses (lib/media/usage.ts): a deleted clip's
// files answer 404 from the moment it is deleted (Undo brings them back) unless something else uses them,
// and once it is purged they are gone. A share link's guest reads through app/api/r/[token]/media instead.
// Outside the proxy's matcher (see proxy.ts): apiRoute checks the caller first.

async function serve(request: Request, key: string, withBody: boolean) {
  const rt = await getRuntime();
  if (!isMediaKey(key) || !(await isVisibleMedia(rt.db.prisma, key))) return mediaNotFound();
  return serveMedia(rt.store, request, key, withBody, { delivery: rt.config.mediaDelivery });
}

export const GET = apiRoute<{ key: string }>({ role: "reviewer" }, (request, { params }) =>
  serve(request, params.key, true),
);

export const HEAD = apiRoute<{ key: string }>({ role: "reviewer" }, (request, { params }) =>
  serve(request, params.key, false),
);

import { apiRoute } from "@/lib/http/route";
import { serveMedia } from "@/lib/media/serve";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Members read any stored file; a share link's guest reads through app/api/r/[token]/media instead.
// Outside the proxy's matcher (see proxy.ts): apiRoute checks the caller first.
async function serve(request: Request, key: string, withBody: boolean) {
  const rt = await getRuntime();
  return serveMedia(rt.store, request, key, withBody, { delivery: rt.config.mediaDelivery });
}

export const GET = apiRoute<{ key: string }>({ role: "reviewer" }, (request, { params }) =>
  serve(request, params.key, true),
);

export const HEAD = apiRoute<{ key: string }>({ role: "reviewer" }, (request, { params }) =>
  serve(request, params.key, false),
);

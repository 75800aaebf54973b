import { apiRoute } from "@/lib/http/route";
import { serveMedia } from "@/lib/media/serve";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Members read any stored file; a share link's guest reads through app/api/r/[token]/media instead.
// Outside the proxy's matcher (see proxy.ts): apiRoute checks the caller first.
export const GET = apiRoute<{ key: string }>({ role: "reviewer" }, async (request, { params }) =>
  serveMedia((await getRuntime()).store, request, params.key, true),
);

export const HEAD = apiRoute<{ key: string }>({ role: "reviewer" }, async (request, { params }) =>
  serveMedia((await getRuntime()).store, request, params.key, false),
);

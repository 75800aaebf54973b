import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { createUploadHandler } from "@/lib/uploads/handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Bodies are received under a deadline before an upload takes one of the few processing turns, so slow
// clients cannot hold those turns (lib/uploads/handler.ts says how memory stays bounded).
const handle = createUploadHandler({ runtime: getRuntime });

// Outside the proxy's matcher (see proxy.ts): apiRoute checks the caller before the body is read or queued.
export const POST = apiRoute({ role: "editor" }, (request) => handle(request));

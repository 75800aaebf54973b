import { accessRefusal } from "@/lib/auth/session";
import { foreignOriginResponse, sameOrigin } from "@/lib/http/origin";
import { getRuntime } from "@/lib/server/runtime";
import { createUploadHandler } from "@/lib/uploads/handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Bodies are received under a deadline before an upload takes one of the few processing turns, so slow
// clients cannot hold those turns (lib/uploads/handler.ts says how memory stays bounded).
const handle = createUploadHandler({ runtime: getRuntime });

export async function POST(request: Request) {
  if (!sameOrigin(request)) return foreignOriginResponse();
  // Outside the access proxy (see proxy.ts): the same check, before the body is read or queued.
  const refused = await accessRefusal(request.headers);
  if (refused) return refused;
  return handle(request);
}

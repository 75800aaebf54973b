import { requestCancel } from "@/lib/generations/service";
import { apiRoute } from "@/lib/http/route";
import { generationDeps, getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>({ role: "editor" }, async (_request, { params }) => {
  const { id } = params;
  refuseNul("id", id);
  const rt = await getRuntime();
  const generation = await requestCancel(generationDeps(rt), id);
  return Response.json({ generation }, { status: 202 });
});

import { storageUsage } from "@/lib/generations/storage-usage";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Storage used per project (its clips' videos, the references they used, its exports) and by the whole
 * studio, in bytes: `{ projects: [...], totalBytes }` (lib/generations/storage-usage.ts).
 */
export const GET = apiRoute({ role: "reviewer" }, async () => {
  const { db } = await getRuntime();
  return Response.json(await storageUsage(db.prisma), { headers: { "Cache-Control": "no-store" } });
});

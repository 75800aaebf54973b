import { clipDownloadResponse } from "@/lib/generations/download";
import { toGenerationDTO } from "@/lib/generations/repo";
import { sharedClip } from "@/lib/share/clip";
import { guestRecordTags } from "@/lib/share/record";
import { guestRoute } from "@/lib/share/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The clip's video as a file (the link must allow downloads), carrying the prompt but not the studio's records. */
export const GET = guestRoute<{ token: string; id: string }>(
  { permission: "download" },
  async (_request, { guest, params }) => {
    const row = await sharedClip(guest, params.id);
    return clipDownloadResponse(guest.rt.store, row, guestRecordTags(toGenerationDTO(row)));
  },
);

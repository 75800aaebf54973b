import { guestJson, guestRoute } from "@/lib/share/route";
import { guestView } from "@/lib/share/view";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Share links' routes are public paths (lib/auth/paths.ts): guestRoute checks the link on every request.

/** What the link shares, as its guest sees it (lib/share/dto.ts GuestViewDTO); gallery views page by `?cursor=`. */
export const GET = guestRoute<{ token: string }>({}, async (request, { guest, params }) => {
  const cursor = new URL(request.url).searchParams.get("cursor") ?? undefined;
  refuseNul("cursor", cursor);
  return guestJson(await guestView(guest, params.token, cursor));
});

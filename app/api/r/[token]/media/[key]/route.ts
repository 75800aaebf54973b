import { mediaNotFound, serveMedia } from "@/lib/media/serve";
import type { ReadyGuest } from "@/lib/share/guest";
import { guestRoute } from "@/lib/share/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// A guest reads only the files of the clips its link covers (video, poster, reference thumbnails): any
// other key is "no such file", whether it exists or not. Same serving as members' (lib/media/serve.ts).

type Params = { token: string; key: string };

async function serve(request: Request, guest: ReadyGuest, key: string, withBody: boolean) {
  if (!(await guest.scope.hasMedia(key))) return mediaNotFound();
  return serveMedia(guest.rt.store, request, key, withBody, { delivery: guest.rt.config.mediaDelivery });
}

export const GET = guestRoute<Params>({}, (request, { guest, params }) =>
  serve(request, guest, params.key, true),
);
export const HEAD = guestRoute<Params>({}, (request, { guest, params }) =>
  serve(request, guest, params.key, false),
);

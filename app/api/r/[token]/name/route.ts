import { readJson } from "@/lib/http/body";
import { submitName } from "@/lib/share/gate";
import { guestGateRoute } from "@/lib/share/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `{ name }`: the name the team sees on this guest's comments and reviews, kept in a signed cookie. */
export const POST = guestGateRoute<{ token: string }>(
  { bucket: "write" },
  async (request, { guest, params }) =>
    submitName(request, guest, params.token, await readJson(request, 4 * 1024)),
);

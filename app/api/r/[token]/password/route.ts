import { readJson } from "@/lib/http/body";
import { submitPassword } from "@/lib/share/gate";
import { guestGateRoute } from "@/lib/share/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `{ password }`: opens a password-protected link for this browser (rate limited). */
export const POST = guestGateRoute<{ token: string }>(
  { bucket: "password" },
  async (request, { guest, params }) =>
    submitPassword(request, guest, params.token, await readJson(request, 4 * 1024)),
);

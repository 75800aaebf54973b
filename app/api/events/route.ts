import { resolveActor } from "@/lib/auth/session";
import { apiRoute } from "@/lib/http/route";
import { eventStream } from "@/lib/live/event-stream";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Server-sent events: which views to refresh (see lib/live/). The browser's EventSource reconnects by
 * itself and names the last event it saw in Last-Event-ID; what it missed is sent first, or `reset`.
 */
export const GET = apiRoute({ role: "reviewer" }, async (request) => {
  const { changes } = await getRuntime();
  const lastId = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  // A stream lives for hours: it ends when its session or token stops being valid (signed out, removed),
  // checked at each keep-alive ping.
  const stillSignedIn = async () => Boolean(await resolveActor(() => request.headers));
  return new Response(eventStream(changes, lastId, request.signal, stillSignedIn), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      // The socket goes with the stream: a stream ended at shutdown leaves no idle keep-alive connection
      // for the server to wait out (a browser opens a new one to reconnect anyway).
      Connection: "close",
      // Proxies such as nginx would otherwise hold events back to fill a buffer.
      "X-Accel-Buffering": "no",
    },
  });
});

import { accessRefusal } from "@/lib/auth/session";
import { eventStream } from "@/lib/live/event-stream";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Server-sent events: which views to refresh (see lib/live/). The browser's EventSource reconnects by
 * itself and names the last event it saw in Last-Event-ID; what it missed is sent first, or `reset`.
 */
export async function GET(request: Request) {
  // proxy.ts checks too; a stream lives for hours, so it is not left to one line of defence.
  const refused = await accessRefusal(request.headers);
  if (refused) return refused;
  const { changes } = await getRuntime();
  const lastId = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  return new Response(eventStream(changes, lastId, request.signal), {
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
}

import "server-only";
import type { ChangeBus } from "./change-bus";
import type { ChangeEvent } from "./events";

/** A comment line this often keeps proxies and the browser from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;
/** How long the browser waits before reconnecting after the stream ends. */
export const RETRY_MS = 1_000;

const encoder = new TextEncoder();

function frame(event: ChangeEvent | { id: string; kind: "ready" | "reset" }): string {
  const { id, kind, ...rest } = event;
  return `id: ${id}\nevent: ${kind === "ready" || kind === "reset" ? kind : "change"}\ndata: ${JSON.stringify({ kind, ...rest })}\n\n`;
}

/**
 * The event stream of one browser: first what it missed since `lastId` (or `reset` when that cannot be
 * told), or a `ready` carrying the current id, so that even a browser that saw no change yet resumes
 * from here; then every change as it happens. Ends when the browser goes (`signal`), the bus closes, or
 * `stillValid` (asked at each heartbeat) says the caller's session or token no longer is.
 */
export function eventStream(
  bus: ChangeBus,
  lastId: string | null,
  signal: AbortSignal,
  stillValid: () => Promise<boolean> = async () => true,
): ReadableStream {
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      // Subscribed and caught up in one turn of the event loop, so no change falls between the two.
      const unsubscribe = bus.subscribe((event) => {
        if (event === "closed") return cleanup();
        send(frame(event === "reset" ? { id: bus.lastId, kind: "reset" } : event));
      });
      const heartbeat = setInterval(() => {
        stillValid().then(
          (valid) => (valid ? send(": ping\n\n") : cleanup()),
          () => send(": ping\n\n"),
        );
      }, HEARTBEAT_MS);
      // An open stream must not keep the process alive on shutdown.
      heartbeat.unref();
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          // Already closed by the other side.
        }
      };
      signal.addEventListener("abort", cleanup);
      send(`retry: ${RETRY_MS}\n\n`);
      const missed = lastId ? bus.since(lastId) : [];
      if (missed === null) send(frame({ id: bus.lastId, kind: "reset" }));
      else if (missed.length === 0) send(frame({ id: bus.lastId, kind: "ready" }));
      else for (const event of missed) send(frame(event));
      if (signal.aborted) cleanup();
    },
    cancel() {
      cleanup();
    },
  });
}

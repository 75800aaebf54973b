import "server-only";
import pg from "pg";
import { splitSchema } from "@/lib/db/client";

/**
 * One dedicated PostgreSQL connection that LISTENs on a channel and reconnects with backoff when it is
 * lost. Instances sharing a database use it to tell each other things (the worker's wake bus, the live
 * change bus). Channels are per schema, so studios sharing a database but not a schema (tests) stay apart.
 */
export interface NotifyChannel {
  /** Sends on the channel over the dedicated connection; false when it is down (nothing is queued). */
  notify(payload: string): Promise<boolean>;
  close(): Promise<void>;
}

/** `omni_<name>_<schema>`, within PostgreSQL's 63-character identifier limit. */
export function channelName(url: string, name: string): string {
  const schema = splitSchema(url).schema ?? "public";
  return `omni_${name}_${schema.toLowerCase().replace(/[^a-z0-9_]/g, "_")}`.slice(0, 63);
}

export async function openNotifyChannel(options: {
  url: string;
  channel: string;
  onMessage: (payload: string) => void;
  /**
   * Called after the connection came back: messages sent while it was down were missed, so the caller
   * catches up (the worker runs a pass; the change bus tells its browsers to refetch).
   */
  onReconnect?: () => void;
  log?: (message: string) => void;
  /** Names the channel in log lines. */
  label: string;
}): Promise<NotifyChannel> {
  const { url, channel, onMessage, onReconnect, log, label } = options;
  const { connectionString } = splitSchema(url);
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = 1_000;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
    c.on("notification", (msg) => {
      if (msg.channel === channel && msg.payload !== undefined) onMessage(msg.payload);
    });
    c.on("error", () => reconnect(c));
    c.on("end", () => reconnect(c));
    await c.connect();
    await c.query(`LISTEN "${channel}"`);
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    retryMs = 1_000;
  };

  const retry = () => {
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (closed) return;
      connect().then(
        () => onReconnect?.(),
        () => {
          retryMs = Math.min(30_000, retryMs * 2);
          retry();
        },
      );
    }, retryMs);
    retryTimer.unref();
  };
  const reconnect = (from: pg.Client) => {
    if (closed || client !== from) return;
    client = undefined;
    from.end().catch(() => {});
    log?.(`${label} lost its connection; reconnecting in ${retryMs / 1000} s`);
    retry();
  };

  // A database that does not answer yet is not a reason to refuse to start: the channel comes up later.
  await connect().catch((err) => {
    log?.(`${label} could not listen yet (${err instanceof Error ? err.message : err}); retrying`);
    retry();
  });
  return {
    async notify(payload) {
      const c = client;
      if (!c) return false;
      try {
        await c.query("SELECT pg_notify($1, $2)", [channel, payload]);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}

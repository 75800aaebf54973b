import "server-only";
import pg from "pg";
import type { Db } from "@/lib/db/client";
import { splitSchema } from "@/lib/db/client";

/**
 * Instances sharing one PostgreSQL database tell each other when work is due at once (a clip no local
 * slot could take, a cancel), so an idle worker elsewhere need not poll to find it. LISTEN/NOTIFY over
 * one dedicated connection; one channel per schema, so studios sharing a database but not a schema
 * (tests) do not wake each other. Losing a message costs a delay, never a job: workers still sweep.
 */
export interface WakeBus {
  /** Tells the other instances to run a pass. Never throws. */
  announce(): void;
  close(): Promise<void>;
}

export function wakeChannel(url: string): string {
  const schema = splitSchema(url).schema ?? "public";
  return `omni_due_${schema.toLowerCase().replace(/[^a-z0-9_]/g, "_")}`.slice(0, 63);
}

export async function startWakeBus(options: {
  url: string;
  prisma: Db;
  /** This worker's owner id: its own announcements are not echoed back to it. */
  owner: string;
  onWake: () => void;
  log?: (message: string) => void;
}): Promise<WakeBus> {
  const { url, prisma, owner, onWake, log } = options;
  const channel = wakeChannel(url);
  const { connectionString } = splitSchema(url);
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = 1_000;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
    c.on("notification", (msg) => {
      if (msg.channel === channel && msg.payload !== owner) onWake();
    });
    c.on("error", () => reconnect(c));
    c.on("end", () => reconnect(c));
    await c.connect();
    await c.query(`LISTEN "${channel}"`);
    client = c;
    retryMs = 1_000;
  };

  // While the connection was down, announcements may have been missed: a pass after reconnecting
  // catches up on them.
  const retry = () => {
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (closed) return;
      connect().then(onWake, () => {
        retryMs = Math.min(30_000, retryMs * 2);
        retry();
      });
    }, retryMs);
    retryTimer.unref();
  };
  const reconnect = (from: pg.Client) => {
    if (closed || client !== from) return;
    client = undefined;
    from.end().catch(() => {});
    log?.(`wake bus lost its connection; reconnecting in ${retryMs / 1000} s`);
    retry();
  };

  // A database that does not answer yet is not a reason to refuse to start: the bus comes up later.
  await connect().catch((err) => {
    log?.(`wake bus could not listen yet (${err instanceof Error ? err.message : err}); retrying`);
    retry();
  });
  return {
    announce() {
      prisma.$executeRaw`SELECT pg_notify(${channel}, ${owner})`.catch(() => {});
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

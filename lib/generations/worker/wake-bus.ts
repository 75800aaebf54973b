import "server-only";
import type { Db } from "@/lib/db/client";
import { channelName, openNotifyChannel } from "@/lib/db/notify-channel";

/**
 * Instances sharing one PostgreSQL database tell each other when work is due at once (a clip no local
 * slot could take, a cancel), so an idle worker elsewhere need not poll to find it. LISTEN/NOTIFY over
 * one dedicated connection (lib/db/notify-channel.ts). Losing a message costs a delay, never a job:
 * workers still sweep.
 */
export interface WakeBus {
  /** Tells the other instances to run a pass. Never throws. */
  announce(): void;
  close(): Promise<void>;
}

export function wakeChannel(url: string): string {
  return channelName(url, "due");
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
  const listener = await openNotifyChannel({
    url,
    channel,
    label: "wake bus",
    log,
    onMessage: (payload) => {
      if (payload !== owner) onWake();
    },
    // While the connection was down, announcements may have been missed: a pass catches up on them.
    onReconnect: onWake,
  });
  return {
    announce() {
      prisma.$executeRaw`SELECT pg_notify(${channel}, ${owner})`.catch(() => {});
    },
    close: () => listener.close(),
  };
}

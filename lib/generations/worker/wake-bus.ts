import "server-only";
import { channelName, openNotifyChannel } from "@/lib/db/notify-channel";

/**
 * Instances sharing one PostgreSQL database tell each other when work is due at once (a clip no local
 * slot could take, a cancel), so an idle worker elsewhere need not poll to find it. LISTEN/NOTIFY over
 * one dedicated connection (lib/db/notify-channel.ts), which also sends. Losing a message costs a delay,
 * never a job: workers still sweep.
 */
export interface WakeBus {
  /** Tells the other instances to run a pass. Never throws. */
  announce(): void;
  close(): Promise<void>;
}

export async function startWakeBus(options: {
  url: string;
  /** This worker's owner id: its own announcements are not echoed back to it. */
  owner: string;
  onWake: () => void;
  log?: (message: string) => void;
}): Promise<WakeBus> {
  const { url, owner, onWake, log } = options;
  const channel = await openNotifyChannel({
    url,
    channel: channelName(url, "due"),
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
      void channel.notify(owner);
    },
    close: () => channel.close(),
  };
}

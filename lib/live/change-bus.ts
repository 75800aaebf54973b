import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { channelName, type NotifyChannel, openNotifyChannel } from "@/lib/db/notify-channel";
import { type Change, type ChangeEvent, changeSchema } from "./events";
import { ChangeRing } from "./ring";

/** Changes published within this window go out together, and repeats of one change go once. */
const BATCH_MS = 15;
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD = 7_000;

/**
 * A subscriber hears each change, "reset" when changes may have been missed (refetch everything), and
 * "closed" when the server shuts down (end the stream, so open streams do not hold the server up).
 */
export type ChangeListener = (event: ChangeEvent | "reset" | "closed") => void;

/**
 * The studio's change-event bus: services and the worker publish what changed, the event stream
 * (app/api/events) tells browsers. On PostgreSQL changes also ride LISTEN/NOTIFY, so every instance's
 * browsers hear every instance's changes; on PGlite there is one process and the bus stays in it.
 */
export class ChangeBus {
  private readonly ring = new ChangeRing(newEpoch());
  private readonly listeners = new Set<ChangeListener>();
  private readonly pending = new Map<string, Change>();
  private timer: NodeJS.Timeout | undefined;
  private channel: NotifyChannel | undefined;
  /** Marks this instance's notifications, which it has already delivered itself. */
  private readonly origin = randomBytes(8).toString("hex");

  /** Listens on PostgreSQL for the other instances' changes. */
  async listen(url: string, log?: (message: string) => void): Promise<void> {
    this.channel = await openNotifyChannel({
      url,
      channel: channelName(url, "changes"),
      label: "change bus",
      log,
      onMessage: (payload) => this.receive(payload),
      // Changes sent while the connection was down are lost: browsers must refetch.
      onReconnect: () => this.reset(),
    });
  }

  /** Never throws, never waits: a write that succeeded is not failed by telling others about it. */
  publish(change: Change): void {
    this.pending.set(
      `${change.kind}:${change.generationId ?? ""}:${change.characterId ?? ""}:${change.sequenceId ?? ""}`,
      change,
    );
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  /** Hears every change from now on; returns the unsubscribe. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get lastId(): string {
    return this.ring.lastId;
  }

  /** What a browser that last saw `lastId` missed; null when it must refetch everything. */
  since(lastId: string): ChangeEvent[] | null {
    return this.ring.since(lastId);
  }

  /** Ends every open event stream (at shutdown: a server waits for open responses before it exits). */
  endStreams(): void {
    for (const listener of this.listeners) listener("closed");
    this.listeners.clear();
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.endStreams();
    await this.channel?.close();
  }

  private flush() {
    this.timer = undefined;
    const changes = [...this.pending.values()];
    this.pending.clear();
    this.deliver(changes);
    if (!this.channel) return;
    for (const batch of chunks(changes)) {
      void this.channel.notify(JSON.stringify({ o: this.origin, c: batch }));
    }
  }

  private receive(payload: string) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    const { o, c } = (parsed ?? {}) as { o?: unknown; c?: unknown };
    if (o === this.origin || !Array.isArray(c)) return;
    this.deliver(c.flatMap((x) => changeSchema.safeParse(x).data ?? []));
  }

  private deliver(changes: Change[]) {
    for (const change of changes) {
      const event = this.ring.push(change);
      for (const listener of this.listeners) listener(event);
    }
  }

  private reset() {
    this.ring.restart(newEpoch());
    for (const listener of this.listeners) listener("reset");
  }
}

const newEpoch = () => randomBytes(4).toString("hex");

function* chunks(changes: Change[]): Generator<Change[]> {
  let batch: Change[] = [];
  let size = 0;
  for (const change of changes) {
    const bytes = JSON.stringify(change).length + 1;
    if (batch.length > 0 && size + bytes > MAX_PAYLOAD) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(change);
    size += bytes;
  }
  if (batch.length > 0) yield batch;
}

// Services take the database client as their first argument (style rule 4), and the bus belongs to the
// database the write went to, so it is found from the client. On globalThis, like the runtime: Next may
// load this module more than once in one process.
const registry = globalThis as unknown as { __omniChangeBuses?: WeakMap<Db, ChangeBus> };
registry.__omniChangeBuses ??= new WeakMap();
const buses = registry.__omniChangeBuses;

export function attachChangeBus(prisma: Db, bus: ChangeBus): void {
  buses.set(prisma, bus);
}

export function detachChangeBus(prisma: Db, bus: ChangeBus): void {
  if (buses.get(prisma) === bus) buses.delete(prisma);
}

/** The one way a write tells open views it changed something. A no-op where no bus runs (scripts). */
export function publishChange(prisma: Db, change: Change): void {
  buses.get(prisma)?.publish(change);
}

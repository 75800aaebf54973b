import type { Change, ChangeEvent } from "./events";

/**
 * The last `capacity` changes this process saw, numbered `<epoch>.<seq>`. The epoch is new for every
 * process, so an id from another instance or from before a restart is recognised as unknown rather than
 * misread as a position here. A browser that reconnects with Last-Event-ID gets what it missed, or, when
 * that is no longer here, null: it must refetch everything.
 */
export class ChangeRing {
  private readonly events: ChangeEvent[] = [];
  /** Seq of the newest event; 0 before the first. */
  private seq = 0;

  constructor(
    private epoch: string,
    private readonly capacity = 1_000,
  ) {}

  /** Forgets every event: ids handed out so far become unknown (used when changes may have been lost). */
  restart(epoch: string): void {
    this.epoch = epoch;
    this.seq = 0;
    this.events.length = 0;
  }

  push(change: Change): ChangeEvent {
    this.seq += 1;
    const event: ChangeEvent = { ...change, id: `${this.epoch}.${this.seq}` };
    this.events.push(event);
    if (this.events.length > this.capacity) this.events.shift();
    return event;
  }

  /** The id of the newest event (a cursor for a browser that has none yet). */
  get lastId(): string {
    return `${this.epoch}.${this.seq}`;
  }

  /** The events after `lastId`, oldest first; null when they cannot all be told (too old, unknown). */
  since(lastId: string): ChangeEvent[] | null {
    const dot = lastId.lastIndexOf(".");
    if (dot < 0 || lastId.slice(0, dot) !== this.epoch) return null;
    const raw = lastId.slice(dot + 1);
    if (!/^\d+$/.test(raw)) return null;
    const after = Number(raw);
    if (after > this.seq) return null;
    const oldest = this.seq - this.events.length + 1;
    // The first missed event (after + 1) has left the ring.
    if (after + 1 < oldest) return null;
    return this.events.slice(this.events.length - (this.seq - after));
  }
}

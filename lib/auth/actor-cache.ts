import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { channelName, type NotifyChannel, openNotifyChannel } from "@/lib/db/notify-channel";
import type { MemberActor } from "./actor";

// Who a session cookie or a personal token belongs to, remembered for a few seconds so a page that loads
// forty posters does not read the session forty times (issue 15: resolving the user adds under 2 ms per
// request). Remembering must not outlive the truth, so every change to who may do what forgets everything:
//   - in this process at once (before the request that made the change answers): sign-out, sign out
//     everywhere, a password change or anything else through better-auth's routes (lib/auth/auth.ts's
//     after-hook), a role change, a removal or a restore (lib/accounts/members.ts), a revoked token;
//   - on the other instances of a PostgreSQL studio through a NOTIFY on the `auth` channel, which arrives
//     within milliseconds; if that connection was down, its return forgets everything too;
//   - and whatever happens, an entry lives at most ACTOR_CACHE_MS and never past its session's expiry.
// A lookup that started before a change and finishes after it is not remembered (the epoch moved).

/** The longest a remembered answer is used without asking the database again. */
export const ACTOR_CACHE_MS = 10_000;
/** Enough for every browser and script of a team; the oldest go first beyond it. */
const MAX_ENTRIES = 5_000;

interface Entry {
  actor: MemberActor;
  until: number;
}

export class ActorCache {
  private readonly entries = new Map<string, Entry>();
  private channel: NotifyChannel | undefined;
  private readonly origin = randomBytes(8).toString("hex");
  private epochValue = 0;

  constructor(private readonly ttlMs = ACTOR_CACHE_MS) {}

  /** Hears the other instances' changes (PostgreSQL only; PGlite has one process). */
  async listen(url: string, log?: (message: string) => void): Promise<void> {
    this.channel = await openNotifyChannel({
      url,
      channel: channelName(url, "auth"),
      label: "auth cache",
      log,
      onMessage: (payload) => {
        if (payload !== this.origin) this.forget();
      },
      // What was said while the connection was down is lost: forget everything instead.
      onReconnect: () => this.forget(),
    });
  }

  /** Taken before a lookup and handed back to `remember`, so a lookup overtaken by a change is dropped. */
  get epoch(): number {
    return this.epochValue;
  }

  get(key: string, now = Date.now()): MemberActor | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > now) return entry.actor;
    this.entries.delete(key);
    return undefined;
  }

  /** Keeps an answer read from the database, unless something changed since `epoch` was taken. */
  remember(key: string, actor: MemberActor, epoch: number, expiresAt?: Date, now = Date.now()): void {
    if (epoch !== this.epochValue) return;
    const until = Math.min(now + this.ttlMs, expiresAt?.getTime() ?? Number.POSITIVE_INFINITY);
    if (until <= now) return;
    this.entries.delete(key);
    this.entries.set(key, { actor, until });
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /** Something about who may do what changed: forget everything here and tell the other instances. */
  changed(): void {
    this.forget();
    void this.channel?.notify(this.origin);
  }

  get size(): number {
    return this.entries.size;
  }

  async close(): Promise<void> {
    this.forget();
    await this.channel?.close();
    this.channel = undefined;
  }

  private forget() {
    this.epochValue++;
    this.entries.clear();
  }
}

// Services take the database client (style rule 4), so the cache is found from it, as the change bus is.
// A set: runtimes sharing one client in a process (tests' second instance on PGlite) each keep their own.
const registry = globalThis as unknown as { __omniActorCaches?: WeakMap<Db, Set<ActorCache>> };
registry.__omniActorCaches ??= new WeakMap();
const caches = registry.__omniActorCaches;

export function attachActorCache(prisma: Db, cache: ActorCache): void {
  const attached = caches.get(prisma) ?? new Set();
  attached.add(cache);
  caches.set(prisma, attached);
}

export function detachActorCache(prisma: Db, cache: ActorCache): void {
  caches.get(prisma)?.delete(cache);
}

/** The one call a write makes after it changed a user, a session or a token (after its commit). */
export function actorsChanged(prisma: Db): void {
  for (const cache of caches.get(prisma) ?? []) cache.changed();
}

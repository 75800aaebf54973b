"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { describeActivity } from "@/lib/activity/describe";
import type { ActivityDTO } from "@/lib/activity/dto";
import { formatRelative, formatTimestamp } from "@/lib/client/format";
import { activityQueryOptions } from "@/lib/client/review";
import { useHydrated } from "@/lib/client/use-hydrated";
import { useNow } from "@/lib/client/use-now";
import type { GenerationDTO } from "@/lib/generations/dto";

/** "3 min ago", with the exact time on hover; words only once hydrated (the server knows no "now"). */
function Ago({ iso, now, hydrated }: { iso: string; now: number; hydrated: boolean }) {
  return (
    <time dateTime={iso} title={hydrated ? formatTimestamp(iso) : undefined} className="text-xs text-ink-400">
      {hydrated ? formatRelative(iso, now) : ""}
    </time>
  );
}

function Entry({
  who,
  what,
  at,
  now,
  hydrated,
}: {
  who: { name: string; initials: string; colorKey: string; guest: boolean };
  what: string;
  at: string;
  now: number;
  hydrated: boolean;
}) {
  return (
    <li className="flex gap-2.5 py-2" data-testid="activity-item">
      <Avatar
        initials={who.initials}
        colorKey={who.colorKey}
        guest={who.guest}
        size="sm"
        className="mt-0.5"
      />
      <div className="flex min-w-0 flex-col gap-0.5">
        <p className="text-sm leading-5 text-ink-300">
          <span className="font-medium text-ink-100">{who.name}</span>
          {who.guest && (
            <span className="ml-1.5 rounded-full border border-ink-600 px-1.5 py-px align-[1px] text-[10px] font-medium uppercase tracking-wide text-ink-300">
              guest
            </span>
          )}{" "}
          {what}
        </p>
        <Ago iso={at} now={now} hydrated={hydrated} />
      </div>
    </li>
  );
}

const actorOf = (e: ActivityDTO) => ({
  name: e.actor.name,
  initials: e.actor.initials,
  colorKey: e.actor.id ?? e.actor.name,
  guest: e.actor.kind === "guest",
});

/**
 * Who did what to this clip, newest first: review changes, stars, chosen takes, deletes and restores,
 * each signed; the clip's making closes the list. Refreshed live (lib/client/use-live-events.ts).
 */
export function ClipActivity({ g }: { g: GenerationDTO }) {
  const hydrated = useHydrated();
  const now = useNow(hydrated, 30_000);
  const query = useInfiniteQuery(activityQueryOptions(g.id));
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const complete = query.isSuccess && !query.hasNextPage;
  return (
    <section
      aria-labelledby="activity-heading"
      className="rounded-card border border-ink-700 bg-ink-900 p-4"
      data-testid="clip-activity"
    >
      <h2 id="activity-heading" className="mb-1 text-sm font-semibold text-ink-100">
        Activity
      </h2>
      {query.isPending ? (
        <p className="flex items-center gap-2 py-2 text-sm text-ink-400">
          <Spinner className="size-3.5" />
          Loading…
        </p>
      ) : query.isError && items.length === 0 ? (
        <p role="alert" className="py-2 text-sm text-danger">
          Could not load the activity: {query.error.message}
        </p>
      ) : (
        <ol className="divide-y divide-ink-700/70" aria-label="Activity, newest first">
          {items.map((e) => (
            <Entry
              key={e.id}
              who={actorOf(e)}
              what={describeActivity(e, g)}
              at={e.createdAt}
              now={now}
              hydrated={hydrated}
            />
          ))}
          {complete && (
            <Entry
              who={
                g.createdBy
                  ? { ...g.createdBy, colorKey: g.createdBy.id, guest: false }
                  : { name: "Someone", initials: "?", colorKey: "?", guest: false }
              }
              what={g.retryOfId ? "made this clip (a retry)" : "made this clip"}
              at={g.createdAt}
              now={now}
              hydrated={hydrated}
            />
          )}
        </ol>
      )}
      {query.hasNextPage && (
        <Button
          size="sm"
          variant="ghost"
          className="mt-1"
          onClick={() => void query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
        >
          {query.isFetchingNextPage && <Spinner className="size-3.5" />}
          Show older activity
        </Button>
      )}
    </section>
  );
}
